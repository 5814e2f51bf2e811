package com.crmscoring.infra.dynamo;

import java.util.Objects;

/**
 * The names of the project's tables. The defaults are those of {@code template.yaml} for the
 * {@code dev} stage; deployed functions get theirs from the environment the template sets.
 *
 * @param profiles customer profiles, keyed by {@code customerId}
 * @param orders   orders, keyed by {@code customerId} and {@code orderId}, with a stream
 */
public record TableNames(String profiles, String orders) {

    public static final TableNames DEFAULT = new TableNames("crm-profiles-dev", "crm-orders-dev");

    public TableNames {
        Objects.requireNonNull(profiles, "profiles");
        Objects.requireNonNull(orders, "orders");
    }
}
