package com.crmscoring.scoring.value;

import com.crmscoring.scoring.score.CustomerFeatureReader;
import com.crmscoring.scoring.score.CustomerFeatures;
import com.crmscoring.scoring.score.PersonalScorer;
import com.crmscoring.scoring.score.ScoreExplainer;
import com.crmscoring.scoring.score.ScoreStatus;
import com.crmscoring.shared.model.OnnxModel;
import java.util.ArrayList;
import java.util.List;

/** Lifetime value over the model's horizon, with the attributes that moved it. */
public final class LifetimeValueScorer extends PersonalScorer<LifetimeValueScore> {

    /** The horizon the lifetime-value model was trained for (its card states it). */
    static final int HORIZON_DAYS = 90;

    private final ScoreExplainer explainer;

    public LifetimeValueScorer(CustomerFeatureReader features, OnnxModel model) {
        super(features, model);
        this.explainer = new ScoreExplainer(model, ScoreExplainer.Scale.IDENTITY);
    }

    @Override
    protected List<LifetimeValueScore> scoreProfiled(List<CustomerFeatures> customers) {
        List<ScoreExplainer.Explained> explained = explainer.explainAll(customers.stream().map(CustomerFeatures::attributes).toList(), 3);
        List<LifetimeValueScore> out = new ArrayList<>(customers.size());
        for (int i = 0; i < customers.size(); i++) {
            ScoreExplainer.Explained e = explained.get(i);
            // A spend forecast below zero means nothing: cancellations are floored in training too.
            double spend = Math.max(0, Math.round(e.probability() * 100) / 100.0);
            out.add(new LifetimeValueScore(customers.get(i).customerId(), ScoreStatus.SCORED, spend, HORIZON_DAYS, e.reasons(),
                    e.defaulted(), metadata().name(), metadata().version(), asOf(customers.get(i))));
        }
        return out;
    }

    @Override
    protected LifetimeValueScore optedOut(CustomerFeatures c) {
        return new LifetimeValueScore(c.customerId(), ScoreStatus.OPTED_OUT, null, null, null, null, metadata().name(),
                metadata().version(), asOf(c));
    }
}
