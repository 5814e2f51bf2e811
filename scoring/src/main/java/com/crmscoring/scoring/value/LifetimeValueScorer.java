package com.crmscoring.scoring.value;

import com.crmscoring.scoring.observe.ScoreMetrics;
import com.crmscoring.scoring.score.CustomerFeatureReader;
import com.crmscoring.scoring.score.CustomerFeatures;
import com.crmscoring.scoring.score.PersonalScorer;
import com.crmscoring.scoring.score.ScoreExplainer;
import com.crmscoring.scoring.score.ScoreStatus;
import com.crmscoring.scoring.shadow.Shadow;
import com.crmscoring.shared.clv.CustomerBaseFeatures;
import com.crmscoring.shared.clv.CustomerBaseModel;
import com.crmscoring.shared.features.FeatureSource;
import com.crmscoring.shared.model.OnnxModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Lifetime value over the model's horizon, with the attributes that moved it, and the BG/NBD
 * model's expected purchases and P(alive) from the same file. Both are computed from the
 * customer's attributes at the request's instant, so a customer who stops buying sees P(alive)
 * fall day by day without a new order.
 */
public final class LifetimeValueScorer extends PersonalScorer<LifetimeValueScore> {

    /** The horizon the lifetime-value model was trained for (its card states it). */
    static final int HORIZON_DAYS = 90;

    private final ScoreExplainer explainer;
    /** Null for a model file from before BG/NBD was carried: then neither figure is given. */
    private final CustomerBaseModel customerBase;

    public LifetimeValueScorer(CustomerFeatureReader features, OnnxModel model, ScoreMetrics metrics) {
        super(features, model, metrics, ScoreMetrics.SPEND);
        this.explainer = new ScoreExplainer(model, ScoreExplainer.Scale.IDENTITY);
        this.customerBase = model.metadata().customerBase();
    }

    @Override
    protected List<LifetimeValueScore> scoreProfiled(List<CustomerFeatures> customers) {
        List<FeatureSource> sources = new ArrayList<>(customers.size());
        for (CustomerFeatures c : customers) {
            sources.add(modelInput(customerBase, c.attributes()));
        }
        List<ScoreExplainer.Explained> explained = explainer.explainAll(sources, 3);
        List<LifetimeValueScore> out = new ArrayList<>(customers.size());
        for (int i = 0; i < customers.size(); i++) {
            ScoreExplainer.Explained e = explained.get(i);
            // A spend forecast below zero means nothing: cancellations are floored in training too.
            double spend = Math.max(0, round(e.probability(), 100));
            count(spend, List.of(), e.defaulted());
            CustomerBaseModel.Forecast f = sources.get(i) instanceof CustomerBaseFeatures b ? b.forecast() : null;
            out.add(new LifetimeValueScore(customers.get(i).customerId(), ScoreStatus.SCORED, spend,
                    f == null ? null : round(f.expectedPurchases(), 1000), f == null ? null : round(f.probabilityAlive(), 10_000),
                    HORIZON_DAYS, e.reasons(), e.defaulted(), metadata().name(), metadata().version(), asOf(customers.get(i))));
        }
        return out;
    }

    /** The same spend bucket (the metrics'); the difference of the expected spends. */
    @Override
    protected Shadow.Agreement agreement(LifetimeValueScore live, LifetimeValueScore challenger) {
        return new Shadow.Agreement(ScoreMetrics.SPEND.indexOf(live.expectedSpend()) == ScoreMetrics.SPEND.indexOf(challenger.expectedSpend()),
                Math.abs(live.expectedSpend() - challenger.expectedSpend()));
    }

    @Override
    public FeatureSource modelInput(CustomerFeatures customer) {
        return modelInput(customerBase, customer.attributes());
    }

    /**
     * What the model reads for a customer: their attributes and, where the file carries a BG/NBD
     * model, its forecast as the {@code bgnbd.*} attributes, computed exactly as in training. Public
     * for the replay, which checks served scores against the model run offline.
     */
    public static FeatureSource modelInput(CustomerBaseModel customerBase, FeatureSource attributes) {
        return customerBase == null ? attributes : new CustomerBaseFeatures(attributes, customerBase, HORIZON_DAYS);
    }

    private static double round(double v, double scale) {
        return Math.round(v * scale) / scale;
    }

    @Override
    protected LifetimeValueScore optedOut(CustomerFeatures c) {
        return new LifetimeValueScore(c.customerId(), ScoreStatus.OPTED_OUT, null, null, null, null, null, null, metadata().name(),
                metadata().version(), asOf(c));
    }
}
