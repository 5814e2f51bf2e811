package com.crmscoring.scoring.offer;

import com.crmscoring.scoring.churn.ChurnScore;
import com.crmscoring.scoring.profile.StoredProfile;
import com.crmscoring.scoring.score.ProfileLookup;
import com.crmscoring.shared.model.ModelLoadException;
import com.crmscoring.shared.model.ModelMetadata;
import com.crmscoring.shared.model.OnnxModel;
import com.crmscoring.shared.offers.OfferRanker;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Ranks the model's offer catalogue for a customer with the shared {@link OfferRanker}. */
public final class NextBestOfferScorer {

    /** Offers returned per customer. */
    static final int TOP_OFFERS = 3;

    private final ProfileLookup lookup;
    private final OnnxModel model;
    private final OfferRanker ranker;

    public NextBestOfferScorer(ProfileLookup lookup, OnnxModel model) {
        ModelMetadata m = model.metadata();
        if (m.offers() == null) {
            throw new ModelLoadException("model " + m.name() + " " + m.version() + " carries no offer catalogue");
        }
        this.lookup = lookup;
        this.model = model;
        this.ranker = new OfferRanker(m.offers(), m.rules());
    }

    public NextBestOffers score(String customerId, String asOf) {
        return scoreAll(List.of(lookup.require(customerId, asOf))).get(0);
    }

    public List<NextBestOffers> scoreAll(List<StoredProfile> profiles) {
        ModelMetadata m = model.metadata();
        List<StoredProfile> scored = profiles.stream().filter(p -> !p.profilingOptOut()).toList();
        float[][] probabilities = scored.isEmpty() ? new float[0][] : model.outputs(model.batch(scored.stream()
                .map(StoredProfile::attributes).toList()), scored.size());
        List<NextBestOffers> out = new ArrayList<>(profiles.size());
        int next = 0;
        for (StoredProfile p : profiles) {
            String asOf = p.asOf() == null ? null : p.asOf().toString();
            if (p.profilingOptOut()) {
                out.add(new NextBestOffers(p.customerId(), ChurnScore.OPTED_OUT, null, m.name(), m.version(), asOf));
                continue;
            }
            float[] row = probabilities[next++];
            Map<String, Double> byOffer = new HashMap<>();
            for (int k = 0; k < row.length; k++) {
                byOffer.put(m.outputLabels().get(k), (double) row[k]);
            }
            List<NextBestOffers.OfferScore> offers = ranker.rank(p.attributes(), byOffer, OfferRanker.MODEL_WEIGHT).stream()
                    .limit(TOP_OFFERS)
                    .map(r -> new NextBestOffers.OfferScore(r.offerId(), r.name(), round(r.score()), round(r.modelProbability()),
                            round(r.ruleConfidence()), r.reason()))
                    .toList();
            out.add(new NextBestOffers(p.customerId(), ChurnScore.SCORED, offers, m.name(), m.version(), asOf));
        }
        return out;
    }

    private static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }
}
