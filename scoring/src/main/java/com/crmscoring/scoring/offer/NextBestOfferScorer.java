package com.crmscoring.scoring.offer;

import com.crmscoring.scoring.observe.ScoreMetrics;
import com.crmscoring.scoring.score.CustomerFeatureReader;
import com.crmscoring.scoring.score.CustomerFeatures;
import com.crmscoring.scoring.score.PersonalScorer;
import com.crmscoring.scoring.score.ScoreStatus;
import com.crmscoring.scoring.shadow.Shadow;
import com.crmscoring.shared.model.ModelLoadException;
import com.crmscoring.shared.model.ModelMetadata;
import com.crmscoring.shared.model.OnnxModel;
import com.crmscoring.shared.offers.OfferRanker;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Ranks the model's offer catalogue for a customer with the shared {@link OfferRanker}. */
public final class NextBestOfferScorer extends PersonalScorer<NextBestOffers> {

    /** Offers returned per customer. */
    static final int TOP_OFFERS = 3;

    private final OfferRanker ranker;

    public NextBestOfferScorer(CustomerFeatureReader features, OnnxModel model, ScoreMetrics metrics) {
        super(features, model, metrics, ScoreMetrics.PROBABILITY);
        ModelMetadata m = model.metadata();
        if (m.offers() == null) {
            throw new ModelLoadException("model " + m.name() + " " + m.version() + " carries no offer catalogue");
        }
        this.ranker = new OfferRanker(m.offers(), m.rules());
    }

    @Override
    protected List<NextBestOffers> scoreProfiled(List<CustomerFeatures> customers) {
        ModelMetadata m = metadata();
        List<List<String>> defaulted = new ArrayList<>(customers.size());
        float[][] probabilities = model.outputs(model.batch(customers.stream().map(CustomerFeatures::attributes).toList(), defaulted),
                customers.size());
        List<NextBestOffers> out = new ArrayList<>(customers.size());
        for (int i = 0; i < customers.size(); i++) {
            float[] row = probabilities[i];
            Map<String, Double> byOffer = new HashMap<>();
            for (int k = 0; k < row.length; k++) {
                byOffer.put(m.outputLabels().get(k), (double) row[k]);
            }
            List<NextBestOffers.OfferScore> offers = ranker.rank(customers.get(i).attributes(), byOffer, OfferRanker.MODEL_WEIGHT, TOP_OFFERS)
                    .stream()
                    .map(r -> new NextBestOffers.OfferScore(r.offerId(), r.name(), round(r.score()), round(r.modelProbability()),
                            round(r.ruleConfidence()), r.reason(), r.replenishment()))
                    .toList();
            // The first offer's score: how strongly the best thing we could say to this customer is meant.
            count(offers.isEmpty() ? Double.NaN : offers.get(0).score(), List.of(), defaulted.get(i));
            out.add(new NextBestOffers(customers.get(i).customerId(), ScoreStatus.SCORED, offers, m.name(), m.version(),
                    asOf(customers.get(i))));
        }
        return out;
    }

    /** The same first offer; the difference of its scores (NaN when either has none). */
    @Override
    protected Shadow.Agreement agreement(NextBestOffers live, NextBestOffers challenger) {
        if (live.offers().isEmpty() || challenger.offers().isEmpty()) {
            return new Shadow.Agreement(live.offers().isEmpty() == challenger.offers().isEmpty(), Double.NaN);
        }
        return new Shadow.Agreement(live.offers().get(0).offerId().equals(challenger.offers().get(0).offerId()),
                Math.abs(live.offers().get(0).score() - challenger.offers().get(0).score()));
    }

    @Override
    protected NextBestOffers optedOut(CustomerFeatures c) {
        return new NextBestOffers(c.customerId(), ScoreStatus.OPTED_OUT, null, metadata().name(), metadata().version(), asOf(c));
    }

    private static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }
}
