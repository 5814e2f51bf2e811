package com.crmscoring.scoring.value;

import com.crmscoring.scoring.churn.ChurnScore;
import com.crmscoring.scoring.profile.StoredProfile;
import com.crmscoring.scoring.score.ProfileLookup;
import com.crmscoring.scoring.score.ScoreExplainer;
import com.crmscoring.shared.model.OnnxModel;
import java.util.ArrayList;
import java.util.List;

/** Lifetime value over the model's horizon, with the attributes that moved it. */
public final class LifetimeValueScorer {

    /** The horizon the lifetime-value model was trained for (its card states it). */
    static final int HORIZON_DAYS = 90;

    private final ProfileLookup lookup;
    private final OnnxModel model;
    private final ScoreExplainer explainer;

    public LifetimeValueScorer(ProfileLookup lookup, OnnxModel model) {
        this.lookup = lookup;
        this.model = model;
        this.explainer = new ScoreExplainer(model, ScoreExplainer.Scale.IDENTITY);
    }

    public LifetimeValueScore score(String customerId, String asOf) {
        return scoreAll(List.of(lookup.require(customerId, asOf))).get(0);
    }

    public List<LifetimeValueScore> scoreAll(List<StoredProfile> profiles) {
        String name = model.metadata().name();
        String version = model.metadata().version();
        List<StoredProfile> scored = profiles.stream().filter(p -> !p.profilingOptOut()).toList();
        List<ScoreExplainer.Explained> explained = explainer.explainAll(scored.stream().map(StoredProfile::attributes).toList(), 3);
        List<LifetimeValueScore> out = new ArrayList<>(profiles.size());
        int next = 0;
        for (StoredProfile p : profiles) {
            String asOf = p.asOf() == null ? null : p.asOf().toString();
            if (p.profilingOptOut()) {
                out.add(new LifetimeValueScore(p.customerId(), ChurnScore.OPTED_OUT, null, null, null, null, name, version, asOf));
                continue;
            }
            ScoreExplainer.Explained e = explained.get(next++);
            // A spend forecast below zero means nothing: cancellations are floored in training too.
            double spend = Math.max(0, Math.round(e.probability() * 100) / 100.0);
            out.add(new LifetimeValueScore(p.customerId(), ChurnScore.SCORED, spend, HORIZON_DAYS, e.reasons(), e.defaulted(),
                    name, version, asOf));
        }
        return out;
    }
}
