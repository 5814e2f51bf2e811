package com.crmscoring.scoring.churn;

import com.crmscoring.scoring.profile.StoredProfile;
import com.crmscoring.scoring.score.ProfileLookup;
import com.crmscoring.scoring.score.ScoreExplainer;
import com.crmscoring.shared.model.OnnxModel;
import java.util.ArrayList;
import java.util.List;

/** Churn risk: read the profile, vectorize with the shared code, score, explain. */
public final class ChurnScorer {

    /** How many reasons a score carries. */
    static final int TOP_REASONS = 3;

    private final ProfileLookup lookup;
    private final OnnxModel model;
    private final ScoreExplainer explainer;
    private final double highBand;
    private final double mediumBand;

    public ChurnScorer(ProfileLookup lookup, OnnxModel model) {
        this.lookup = lookup;
        this.model = model;
        this.explainer = new ScoreExplainer(model, ScoreExplainer.Scale.LOG_ODDS);
        Double high = model.metadata().thresholds().get("band.high");
        Double medium = model.metadata().thresholds().get("band.medium");
        if (high == null || medium == null || medium > high) {
            throw new IllegalArgumentException("churn model " + model.metadata().version()
                    + " lacks consistent band.high / band.medium thresholds: " + model.metadata().thresholds());
        }
        this.highBand = high;
        this.mediumBand = medium;
    }

    /**
     * @param asOf the instant to score for (ISO-8601), or null for now
     * @throws com.crmscoring.scoring.score.InvalidRequestException when the id or asOf is malformed, or asOf is not after
     *                                                             the customer's latest order
     * @throws com.crmscoring.scoring.score.ProfileNotFoundException when no profile exists
     */
    public ChurnScore score(String customerId, String asOf) {
        return scoreAll(List.of(lookup.require(customerId, asOf))).get(0);
    }

    /** Scores profiles already read, in one ONNX run. */
    public List<ChurnScore> scoreAll(List<StoredProfile> profiles) {
        String name = model.metadata().name();
        String version = model.metadata().version();
        List<StoredProfile> scored = profiles.stream().filter(p -> !p.profilingOptOut()).toList();
        List<ScoreExplainer.Explained> explained = explainer.explainAll(scored.stream().map(StoredProfile::attributes).toList(),
                TOP_REASONS);
        List<ChurnScore> out = new ArrayList<>(profiles.size());
        int next = 0;
        for (StoredProfile profile : profiles) {
            String asOf = profile.asOf() == null ? null : profile.asOf().toString();
            if (profile.profilingOptOut()) {
                // Art. 21 GDPR: no profiling-based score for a customer who objected to it.
                out.add(new ChurnScore(profile.customerId(), ChurnScore.OPTED_OUT, null, null, null, null, name, version, asOf));
                continue;
            }
            ScoreExplainer.Explained e = explained.get(next++);
            double p = e.probability();
            String band = p >= highBand ? "high" : p >= mediumBand ? "medium" : "low";
            out.add(new ChurnScore(profile.customerId(), ChurnScore.SCORED, Math.round(p * 1e6) / 1e6, band, e.reasons(),
                    e.defaulted(), name, version, asOf));
        }
        return out;
    }
}
