package com.crmscoring.shared.domain;

import com.crmscoring.shared.aggregates.BehaviourAggregates;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The names of a profile's attributes: the DynamoDB attribute names of a profile item and the
 * raw feature names that models read. One list, so that a stored attribute and a model feature
 * can never drift apart.
 */
public final class ProfileAttributes {

    public static final String CUSTOMER_ID = "customerId";
    public static final String COUNTRY = "country";
    public static final String PROFILING_OPT_OUT = "profilingOptOut";
    public static final String AS_OF = "asOf";
    public static final String FIRST_ORDER_AT = "firstOrderAt";
    public static final String LAST_ORDER_AT = "lastOrderAt";
    /** When the customer objected to profiling (ISO-8601), kept while the objection stands. */
    public static final String PROFILING_OPT_OUT_AT = "profilingOptOutAt";
    /** The compressed {@code CustomerHistory} that features at any later instant are computed from. */
    public static final String ORDER_HISTORY = "orderHistory";
    /** Incremented by every writer of the item: writes are conditional on the version they read. */
    public static final String VERSION = "version";
    /** The scores stored by the order handler, for analytics; never read by scoring. */
    public static final String SCORES = "scores";
    /**
     * On an erased customer's marker item, the only attribute besides the id: when they were erased.
     * Orders from before it are not taken in again.
     */
    public static final String ERASED_AT = "erasedAt";
    /** The latest order's fraud screening, for the shop's review queue. */
    public static final String LAST_ORDER_SCREENING = "lastOrderScreening";

    /** Every numeric behaviour attribute, by name, with how to read it from the aggregates. */
    public static final Map<String, ToDoubleFunction<BehaviourAggregates>> NUMERIC;

    static {
        Map<String, ToDoubleFunction<BehaviourAggregates>> m = new LinkedHashMap<>();
        m.put("recencyDays", BehaviourAggregates::recencyDays);
        m.put("tenureDays", BehaviourAggregates::tenureDays);
        m.put("orders30", BehaviourAggregates::orders30);
        m.put("orders90", BehaviourAggregates::orders90);
        m.put("orders365", BehaviourAggregates::orders365);
        m.put("ordersTotal", BehaviourAggregates::ordersTotal);
        m.put("spend30", BehaviourAggregates::spend30);
        m.put("spend90", BehaviourAggregates::spend90);
        m.put("spend365", BehaviourAggregates::spend365);
        m.put("spendTotal", BehaviourAggregates::spendTotal);
        m.put("avgBasketValue", BehaviourAggregates::avgBasketValue);
        m.put("avgLinesPerOrder", BehaviourAggregates::avgLinesPerOrder);
        m.put("distinctProducts", BehaviourAggregates::distinctProducts);
        m.put("meanDaysBetweenOrders", BehaviourAggregates::meanDaysBetweenOrders);
        m.put("spendTrend90", BehaviourAggregates::spendTrend90);
        m.put("orderTrend90", BehaviourAggregates::orderTrend90);
        m.put("cancellations", BehaviourAggregates::cancellations);
        m.put("cancellationRate", BehaviourAggregates::cancellationRate);
        m.put("cancelledValue", BehaviourAggregates::cancelledValue);
        NUMERIC = Collections.unmodifiableMap(m);
    }

    private ProfileAttributes() {
    }
}
