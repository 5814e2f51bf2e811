package com.crmscoring.scoring.churn;

import com.crmscoring.scoring.observe.ScoreMetrics;
import com.crmscoring.scoring.score.CustomerFeatureReader;
import com.crmscoring.scoring.score.CustomerFeatures;
import com.crmscoring.scoring.score.PersonalScorer;
import com.crmscoring.scoring.score.ScoreExplainer;
import com.crmscoring.scoring.score.ScoreStatus;
import com.crmscoring.scoring.shadow.Shadow;
import com.crmscoring.shared.model.OnnxModel;
import java.util.ArrayList;
import java.util.List;

/** Churn risk: vectorize with the shared code, score, band, explain. */
public final class ChurnScorer extends PersonalScorer<ChurnScore> {

    /** How many reasons a score carries. */
    static final int TOP_REASONS = 3;

    private final ScoreExplainer explainer;
    private final double highBand;
    private final double mediumBand;

    public ChurnScorer(CustomerFeatureReader features, OnnxModel model, ScoreMetrics metrics) {
        super(features, model, metrics, ScoreMetrics.PROBABILITY);
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

    @Override
    protected List<ChurnScore> scoreProfiled(List<CustomerFeatures> customers) {
        List<ScoreExplainer.Explained> explained = explainer.explainAll(customers.stream().map(CustomerFeatures::attributes).toList(),
                TOP_REASONS);
        List<ChurnScore> out = new ArrayList<>(customers.size());
        for (int i = 0; i < customers.size(); i++) {
            ScoreExplainer.Explained e = explained.get(i);
            double p = e.probability();
            String band = p >= highBand ? "high" : p >= mediumBand ? "medium" : "low";
            count(p, List.of("Band." + band), e.defaulted());
            out.add(new ChurnScore(customers.get(i).customerId(), ScoreStatus.SCORED, Math.round(p * 1e6) / 1e6, band, e.reasons(),
                    e.defaulted(), metadata().name(), metadata().version(), asOf(customers.get(i))));
        }
        return out;
    }

    /** The same risk band; the difference of the probabilities. */
    @Override
    protected Shadow.Agreement agreement(ChurnScore live, ChurnScore challenger) {
        return new Shadow.Agreement(live.riskBand().equals(challenger.riskBand()),
                Math.abs(live.churnProbability() - challenger.churnProbability()));
    }

    @Override
    protected ChurnScore optedOut(CustomerFeatures c) {
        return new ChurnScore(c.customerId(), ScoreStatus.OPTED_OUT, null, null, null, null, metadata().name(), metadata().version(),
                asOf(c));
    }
}
