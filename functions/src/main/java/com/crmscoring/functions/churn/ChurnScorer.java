package com.crmscoring.functions.churn;

import com.crmscoring.functions.model.OnnxModel;
import com.crmscoring.functions.profile.ProfileRepository;
import com.crmscoring.functions.profile.StoredProfile;
import com.crmscoring.functions.score.CustomerIds;
import com.crmscoring.functions.score.ProfileNotFoundException;
import com.crmscoring.functions.score.ScoreExplainer;
import java.util.List;

/** Churn risk of one customer: read the profile, vectorize with the shared code, score, explain. */
public final class ChurnScorer {

    /** How many reasons a score carries. */
    static final int TOP_REASONS = 3;

    private final ProfileRepository profiles;
    private final OnnxModel model;
    private final ScoreExplainer explainer;
    private final double highBand;
    private final double mediumBand;

    public ChurnScorer(ProfileRepository profiles, OnnxModel model) {
        this.profiles = profiles;
        this.model = model;
        this.explainer = new ScoreExplainer(model);
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
     * @throws com.crmscoring.functions.score.InvalidRequestException when the id is malformed
     * @throws ProfileNotFoundException when no profile exists
     */
    public ChurnScore score(String customerId) {
        String id = CustomerIds.validate(customerId);
        StoredProfile profile = profiles.find(id).orElseThrow(() -> new ProfileNotFoundException(id));
        String asOf = profile.asOf() == null ? null : profile.asOf().toString();
        String name = model.metadata().name();
        String version = model.metadata().version();
        if (profile.profilingOptOut()) {
            // Art. 21 GDPR: no profiling-based score for a customer who objected to it.
            return new ChurnScore(id, ChurnScore.OPTED_OUT, null, null, null, null, name, version, asOf);
        }
        ScoreExplainer.Explained explained = explainer.explain(profile.attributes(), TOP_REASONS);
        double p = explained.probability();
        String band = p >= highBand ? "high" : p >= mediumBand ? "medium" : "low";
        return new ChurnScore(id, ChurnScore.SCORED, Math.round(p * 1e6) / 1e6, band, explained.reasons(),
                List.copyOf(explained.defaulted()), name, version, asOf);
    }
}
