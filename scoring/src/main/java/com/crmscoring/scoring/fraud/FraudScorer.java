package com.crmscoring.scoring.fraud;

import com.crmscoring.scoring.observe.ScoreMetrics;
import com.crmscoring.scoring.score.CustomerFeatureReader;
import com.crmscoring.scoring.score.CustomerIds;
import com.crmscoring.scoring.score.InvalidRequestException;
import com.crmscoring.scoring.score.ScoreExplainer;
import com.crmscoring.scoring.shadow.Shadow;
import com.crmscoring.shared.aggregates.OrderAggregator;
import com.crmscoring.shared.aggregates.ProfileBuilder;
import com.crmscoring.shared.domain.CustomerProfile;
import com.crmscoring.shared.domain.Order;
import com.crmscoring.shared.model.ModelLoadException;
import com.crmscoring.shared.model.OnnxModel;
import com.crmscoring.shared.orders.OrderFeatureSource;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Screens an order against the anomaly model. Runs for customers who opted out of profiling too:
 * fraud prevention is a legitimate interest the GDPR allows (recital 47), and the order is not
 * used to build a marketing profile. A customer without a profile is screened as a first order.
 */
public final class FraudScorer {

    private final CustomerFeatureReader features;
    private final OrderRequests orders;
    private final OnnxModel model;
    private final ScoreExplainer explainer;
    private final double review;
    private final double decline;
    private final ZoneId zone;
    private final ScoreMetrics metrics;
    private volatile Shadow<Screening, FraudScore> shadow;

    /**
     * @param reviewOverride  review threshold from configuration, or empty for the model's (a 2 % alert rate)
     * @param declineOverride decline threshold from configuration, or empty for the model's (0.5 %)
     * @param zone            the shop's time zone, for the order's hour
     * @param metrics         where each decision is counted
     */
    public FraudScorer(CustomerFeatureReader features, OrderRequests orders, OnnxModel model, Optional<Double> reviewOverride,
                       Optional<Double> declineOverride, ZoneId zone, ScoreMetrics metrics) {
        Double modelReview = model.metadata().thresholds().get("anomaly.review");
        Double modelDecline = model.metadata().thresholds().get("anomaly.decline");
        if (modelReview == null || modelDecline == null) {
            throw new ModelLoadException("model " + model.metadata().name() + " has no anomaly.review / anomaly.decline thresholds");
        }
        this.review = reviewOverride.orElse(modelReview);
        this.decline = declineOverride.orElse(modelDecline);
        if (!(review <= decline)) {
            throw new IllegalArgumentException("the review threshold " + review + " is above the decline threshold " + decline);
        }
        this.features = features;
        this.orders = orders;
        this.model = model;
        this.explainer = new ScoreExplainer(model, ScoreExplainer.Scale.IDENTITY);
        this.zone = zone;
        this.metrics = metrics;
    }

    /** @throws InvalidRequestException naming the first field that is missing or invalid */
    public FraudScore score(FraudRequest request) {
        if (request == null) {
            throw new InvalidRequestException("body", "is required");
        }
        String customerId = CustomerIds.validate(request.customerId());
        Order order = orders.toOrder(customerId, request.order());
        Optional<CustomerProfile> before = features.before(customerId, order.orderedAt());
        return screen(order, before.orElse(null));
    }

    /**
     * Screens an order against the customer's profile from before it.
     *
     * @param before the profile, or null for a customer without history (screened as a first order)
     */
    public FraudScore screen(Order order, CustomerProfile before) {
        FraudScore live = screenOnly(order, before);
        Shadow<Screening, FraudScore> challenger = shadow;
        if (challenger != null) {
            challenger.offer(List.of(new Screening(order, before)), List.of(live));
        }
        return live;
    }

    /** An order and the customer's profile from before it: what a screening reads. */
    public record Screening(Order order, CustomerProfile before) {
    }

    /**
     * Lets a challenger version screen {@code share} of the orders beside this (live) one, in the
     * background, never answering: agreement is the same decision, the difference that of the
     * anomaly scores.
     */
    public void shadowedBy(FraudScorer challenger, double share, ScoreMetrics into, Executor executor) {
        if (!challenger.model.metadata().name().equals(model.metadata().name())) {
            throw new IllegalArgumentException("a " + model.metadata().name() + " model cannot be challenged by a "
                    + challenger.model.metadata().name() + " model");
        }
        this.shadow = new Shadow<>(challenger.model.metadata(),
                screenings -> screenings.stream().map(s -> challenger.screenOnly(s.order(), s.before())).toList(), share,
                (live, theirs) -> new Shadow.Agreement(live.decision().equals(theirs.decision()),
                        Math.abs(live.anomalyScore() - theirs.anomalyScore())), into, executor);
    }

    /** The challenger this scorer runs in shadow, if any. */
    public Shadow<Screening, FraudScore> shadow() {
        return shadow;
    }

    private FraudScore screenOnly(Order order, CustomerProfile before) {
        CustomerProfile profile = before != null ? before
                : new ProfileBuilder(new OrderAggregator()).build(order.customerId(), List.of(), order.orderedAt(), false);
        ScoreExplainer.Explained e = explainer.explain(new OrderFeatureSource(order, profile, zone), 3);
        double score = e.probability();
        String decision = score >= decline ? FraudScore.DECLINE : score >= review ? FraudScore.REVIEW : FraudScore.APPROVE;
        // No buckets: the decision is the bucket that matters, cut at the thresholds in force.
        metrics.scored(model.metadata(), ScoreMetrics.NO_BUCKETS, score, List.of("Decision." + decision), e.defaulted().size(),
                model.vectorizer().groups().size());
        return new FraudScore(order.customerId(), order.orderId(), decision, Math.round(score * 1e4) / 1e4, review, decline,
                before != null, e.reasons(), model.metadata().name(), model.metadata().version());
    }
}
