package com.crmscoring.training.churn;

import com.crmscoring.shared.aggregates.OrderAggregator;
import com.crmscoring.shared.aggregates.ProfileBuilder;
import com.crmscoring.shared.churn.ChurnExamples;
import com.crmscoring.shared.domain.CustomerAttributes;
import com.crmscoring.shared.domain.CustomerProfile;
import com.crmscoring.shared.domain.Order;
import com.crmscoring.shared.domain.Orders;
import com.crmscoring.shared.features.FeatureField;
import com.crmscoring.shared.features.NumericTransform;
import com.crmscoring.shared.features.ProfileFeatureSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Churn for a web shop without contracts, defined so that no feature sees the future: a customer
 * who bought before the cut-off has churned when they place no order in the {@code horizon}
 * after it. Features are the {@link OrderAggregator} aggregates as of the cut-off, computed
 * from orders placed strictly before it. Each customer's example is the shared contract's
 * ({@link ChurnExamples}), which the Spark job builds too.
 */
public final class ChurnDataset {

    /** Label window after the cut-off. */
    public static final Duration HORIZON = ChurnExamples.HORIZON;

    /** Ratios and trends are already bounded; everything else is a heavy-tailed count, amount or duration. */
    private static final Set<String> UNTRANSFORMED = Set.of("spendTrend90", "orderTrend90", "cancellationRate");

    /** Countries with fewer customers than this share the "other" column. */
    private static final int MIN_COUNTRY_CUSTOMERS = 20;

    /**
     * One customer at the cut-off.
     *
     * @param churned true when the customer placed no order within the horizon after the cut-off
     */
    public record Row(CustomerProfile profile, boolean churned) {
    }

    private ChurnDataset() {
    }

    /** The attributes a churn model reads, with their encodings. */
    public static List<FeatureField> fields() {
        List<FeatureField> fields = new ArrayList<>();
        for (String name : CustomerAttributes.NUMERIC.keySet()) {
            fields.add(FeatureField.numeric(name,
                    UNTRANSFORMED.contains(name) ? NumericTransform.NONE : NumericTransform.SIGNED_LOG1P));
        }
        fields.add(FeatureField.categorical(CustomerAttributes.COUNTRY, MIN_COUNTRY_CUSTOMERS));
        return fields;
    }

    /**
     * The end of observation: midnight UTC after the last order, so the last day counts whole.
     */
    public static Instant observationEnd(Collection<Order> orders) {
        return ProfileBuilder.observationEnd(orders);
    }

    /**
     * @param cutoff features from orders before it; label from {@code [cutoff, cutoff + HORIZON)}
     * @throws IllegalArgumentException when the data does not cover the whole label window
     */
    public static List<Row> build(Collection<Order> orders, Instant cutoff) {
        Instant windowEnd = cutoff.plus(HORIZON);
        if (observationEnd(orders).isBefore(windowEnd)) {
            throw new IllegalArgumentException("the data ends before the label window " + cutoff + " .. " + windowEnd);
        }
        Map<String, List<Order>> byCustomer = Orders.byCustomer(orders);
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, List<Order>> e : byCustomer.entrySet()) {
            ChurnExamples.of(e.getKey(), e.getValue(), cutoff).ifPresent(x -> rows.add(new Row(x.profile(), x.churned())));
        }
        return rows;
    }

    /** Feature sources of the rows, in order. */
    public static List<ProfileFeatureSource> sources(List<Row> rows) {
        return rows.stream().map(r -> new ProfileFeatureSource(r.profile())).toList();
    }

    /** Labels of the rows, in order. */
    public static boolean[] labels(List<Row> rows) {
        boolean[] y = new boolean[rows.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = rows.get(i).churned();
        }
        return y;
    }

}
