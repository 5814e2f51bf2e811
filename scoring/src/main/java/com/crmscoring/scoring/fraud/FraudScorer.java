package com.crmscoring.scoring.fraud;

import com.crmscoring.scoring.score.CustomerFeatureReader;
import com.crmscoring.scoring.score.CustomerIds;
import com.crmscoring.scoring.score.InvalidRequestException;
import com.crmscoring.scoring.score.RequestTooLargeException;
import com.crmscoring.scoring.score.ScoreExplainer;
import com.crmscoring.shared.aggregates.OrderAggregator;
import com.crmscoring.shared.aggregates.ProfileBuilder;
import com.crmscoring.shared.domain.CustomerProfile;
import com.crmscoring.shared.domain.Order;
import com.crmscoring.shared.domain.OrderLine;
import com.crmscoring.shared.model.ModelLoadException;
import com.crmscoring.shared.model.OnnxModel;
import com.crmscoring.shared.orders.OrderFeatureSource;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Screens an order against the anomaly model. Runs for customers who opted out of profiling too:
 * fraud prevention is a legitimate interest the GDPR allows (recital 47), and the order is not
 * used to build a marketing profile. A customer without a profile is screened as a first order.
 */
public final class FraudScorer {

    /** Orders with more lines are refused rather than scored slowly; the shop's largest has about 1,100. */
    public static final int MAX_LINES = 2_000;
    private static final Pattern ORDER_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final CustomerFeatureReader features;
    private final OnnxModel model;
    private final ScoreExplainer explainer;
    private final double review;
    private final double decline;
    private final ZoneId zone;

    /**
     * @param reviewOverride  review threshold from configuration, or empty for the model's (a 2 % alert rate)
     * @param declineOverride decline threshold from configuration, or empty for the model's (0.5 %)
     * @param zone            the shop's time zone, for the order's hour
     */
    public FraudScorer(CustomerFeatureReader features, OnnxModel model, Optional<Double> reviewOverride,
                       Optional<Double> declineOverride, ZoneId zone) {
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
        this.model = model;
        this.explainer = new ScoreExplainer(model, ScoreExplainer.Scale.IDENTITY);
        this.zone = zone;
    }

    /** @throws InvalidRequestException naming the first field that is missing or invalid */
    public FraudScore score(FraudRequest request) {
        if (request == null) {
            throw new InvalidRequestException("body", "is required");
        }
        String customerId = CustomerIds.validate(request.customerId());
        Order order = toOrder(customerId, request.order());
        Optional<CustomerProfile> before = features.before(customerId, order.orderedAt());
        return screen(order, before.orElse(null));
    }

    /**
     * Screens an order against the customer's profile from before it.
     *
     * @param before the profile, or null for a customer without history (screened as a first order)
     */
    public FraudScore screen(Order order, CustomerProfile before) {
        CustomerProfile profile = before != null ? before
                : new ProfileBuilder(new OrderAggregator()).build(order.customerId(), List.of(), order.orderedAt(), false);
        ScoreExplainer.Explained e = explainer.explain(new OrderFeatureSource(order, profile, zone), 3);
        double score = e.probability();
        String decision = score >= decline ? FraudScore.DECLINE : score >= review ? FraudScore.REVIEW : FraudScore.APPROVE;
        return new FraudScore(order.customerId(), order.orderId(), decision, Math.round(score * 1e4) / 1e4, review, decline,
                before != null, e.reasons(), model.metadata().name(), model.metadata().version());
    }

    public static Order toOrder(String customerId, FraudRequest.OrderRequest o) {
        if (o == null) {
            throw new InvalidRequestException("order", "is required");
        }
        if (o.orderId() == null || !ORDER_ID.matcher(o.orderId()).matches()) {
            throw new InvalidRequestException("order.orderId", "is required: 1 to 64 letters, digits, '.', '_' or '-'");
        }
        Instant at;
        try {
            at = Instant.parse(String.valueOf(o.orderedAt()));
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("order.orderedAt", "must be an ISO-8601 instant such as 2011-12-09T12:50:00Z");
        }
        if (o.country() != null && o.country().length() > 64) {
            throw new InvalidRequestException("order.country", "must be at most 64 characters");
        }
        if (o.lines() == null || o.lines().isEmpty()) {
            throw new InvalidRequestException("order.lines", "must hold at least one line");
        }
        if (o.lines().size() > MAX_LINES) {
            throw new RequestTooLargeException("order.lines", MAX_LINES, o.lines().size());
        }
        List<OrderLine> lines = new ArrayList<>(o.lines().size());
        for (int i = 0; i < o.lines().size(); i++) {
            FraudRequest.LineRequest l = o.lines().get(i);
            String field = "order.lines[" + i + "]";
            if (l == null || l.stockCode() == null || l.stockCode().isBlank()) {
                throw new InvalidRequestException(field + ".stockCode", "is required");
            }
            if (l.quantity() == null || l.quantity() <= 0) {
                throw new InvalidRequestException(field + ".quantity", "must be a positive whole number");
            }
            if (l.unitPrice() == null || !Double.isFinite(l.unitPrice()) || l.unitPrice() < 0) {
                throw new InvalidRequestException(field + ".unitPrice", "must be a finite number, zero or more");
            }
            lines.add(new OrderLine(l.stockCode(), l.description(), l.quantity(), l.unitPrice()));
        }
        return new Order(o.orderId(), customerId, at, o.country() == null ? "" : o.country(), false, lines);
    }
}
