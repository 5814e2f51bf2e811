package com.crmscoring.shared.domain;

import com.crmscoring.shared.aggregates.BehaviourAggregates;
import java.time.Instant;
import java.util.Objects;

/**
 * What the scoring side knows about a customer: no name, no address, no e-mail. Only what
 * the models need (data minimisation), plus the customer's profiling choice.
 *
 * @param customerId       the shop's customer id
 * @param country          country of the customer's most recent order, as the shop records it
 * @param profilingOptOut  true when the customer objected to profiling: no personal scores
 * @param aggregates       behaviour as of {@code aggregates.asOf()}
 */
public record CustomerProfile(String customerId, String country, boolean profilingOptOut,
                              BehaviourAggregates aggregates) {

    public CustomerProfile {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(aggregates, "aggregates");
        country = country == null ? "" : country;
    }

    /** The moment the aggregates describe. */
    public Instant asOf() {
        return aggregates.asOf();
    }
}
