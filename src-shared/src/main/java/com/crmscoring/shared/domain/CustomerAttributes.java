package com.crmscoring.shared.domain;

import com.crmscoring.shared.aggregates.BehaviourAggregates;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The names of a customer's attributes: the raw feature names that models read, which are also
 * the attribute names of a stored profile item. One list, so that a stored attribute and a model
 * feature can never drift apart. (What a profile item holds besides them is storage's business:
 * {@code ProfileItemAttributes} in crm-storage.)
 */
public final class CustomerAttributes {

    public static final String CUSTOMER_ID = "customerId";
    public static final String COUNTRY = "country";
    public static final String PROFILING_OPT_OUT = "profilingOptOut";
    public static final String AS_OF = "asOf";
    public static final String FIRST_ORDER_AT = "firstOrderAt";
    public static final String LAST_ORDER_AT = "lastOrderAt";
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

    private CustomerAttributes() {
    }
}
