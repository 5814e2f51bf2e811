package com.crmscoring.scoring.overview;

import com.crmscoring.scoring.churn.ChurnScore;
import com.crmscoring.scoring.churn.ChurnScorer;
import com.crmscoring.scoring.offer.NextBestOfferScorer;
import com.crmscoring.scoring.offer.NextBestOffers;
import com.crmscoring.scoring.profile.StoredProfile;
import com.crmscoring.scoring.score.ProfileLookup;
import com.crmscoring.scoring.segment.SegmentScore;
import com.crmscoring.scoring.segment.SegmentScorer;
import com.crmscoring.scoring.value.LifetimeValueScore;
import com.crmscoring.scoring.value.LifetimeValueScorer;
import java.util.ArrayList;
import java.util.List;

/** All personal scores of a customer (churn, segment, lifetime value, offers), reading the profile once. */
public final class ProfileScorer {

    private final ProfileLookup lookup;
    private final ChurnScorer churn;
    private final SegmentScorer segment;
    private final LifetimeValueScorer value;
    private final NextBestOfferScorer offers;

    public ProfileScorer(ProfileLookup lookup, ChurnScorer churn, SegmentScorer segment, LifetimeValueScorer value,
                         NextBestOfferScorer offers) {
        this.lookup = lookup;
        this.churn = churn;
        this.segment = segment;
        this.value = value;
        this.offers = offers;
    }

    public ProfileScores score(String customerId, String asOf) {
        return scoreAll(List.of(lookup.require(customerId, asOf))).get(0);
    }

    /** One ONNX run per model for all the profiles together. */
    public List<ProfileScores> scoreAll(List<StoredProfile> profiles) {
        List<ChurnScore> c = churn.scoreAll(profiles);
        List<SegmentScore> s = segment.scoreAll(profiles);
        List<LifetimeValueScore> v = value.scoreAll(profiles);
        List<NextBestOffers> o = offers.scoreAll(profiles);
        List<ProfileScores> out = new ArrayList<>(profiles.size());
        for (int i = 0; i < profiles.size(); i++) {
            out.add(new ProfileScores(profiles.get(i).customerId(), c.get(i), s.get(i), v.get(i), o.get(i)));
        }
        return out;
    }
}
