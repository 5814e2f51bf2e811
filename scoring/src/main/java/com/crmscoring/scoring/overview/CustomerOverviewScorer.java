package com.crmscoring.scoring.overview;

import com.crmscoring.scoring.churn.ChurnScore;
import com.crmscoring.scoring.churn.ChurnScorer;
import com.crmscoring.scoring.offer.NextBestOfferScorer;
import com.crmscoring.scoring.offer.NextBestOffers;
import com.crmscoring.scoring.score.CustomerFeatureReader;
import com.crmscoring.scoring.score.CustomerFeatures;
import com.crmscoring.scoring.segment.SegmentScore;
import com.crmscoring.scoring.segment.SegmentScorer;
import com.crmscoring.scoring.value.LifetimeValueScore;
import com.crmscoring.scoring.value.LifetimeValueScorer;
import java.util.ArrayList;
import java.util.List;

/** All personal scores of a customer (churn, segment, lifetime value, offers), reading the profile once. */
public final class CustomerOverviewScorer {

    private final CustomerFeatureReader features;
    private final ChurnScorer churn;
    private final SegmentScorer segment;
    private final LifetimeValueScorer value;
    private final NextBestOfferScorer offers;

    public CustomerOverviewScorer(CustomerFeatureReader features, ChurnScorer churn, SegmentScorer segment, LifetimeValueScorer value,
                         NextBestOfferScorer offers) {
        this.features = features;
        this.churn = churn;
        this.segment = segment;
        this.value = value;
        this.offers = offers;
    }

    public CustomerOverview score(String customerId, String asOf) {
        return scoreAll(List.of(features.require(customerId, asOf))).get(0);
    }

    /** One ONNX run per model for all the profiles together. */
    public List<CustomerOverview> scoreAll(List<CustomerFeatures> profiles) {
        List<ChurnScore> c = churn.scoreAll(profiles);
        List<SegmentScore> s = segment.scoreAll(profiles);
        List<LifetimeValueScore> v = value.scoreAll(profiles);
        List<NextBestOffers> o = offers.scoreAll(profiles);
        List<CustomerOverview> out = new ArrayList<>(profiles.size());
        for (int i = 0; i < profiles.size(); i++) {
            out.add(new CustomerOverview(profiles.get(i).customerId(), c.get(i), s.get(i), v.get(i), o.get(i)));
        }
        return out;
    }
}
