package com.crmscoring.shared.aggregates;

import com.crmscoring.shared.domain.CustomerProfile;
import com.crmscoring.shared.domain.Order;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;

/**
 * Builds a customer's profile from their order history, the same way for a training snapshot,
 * for the data loader and for the order-event function.
 */
public final class ProfileBuilder {

    private final OrderAggregator aggregator;

    public ProfileBuilder(OrderAggregator aggregator) {
        this.aggregator = aggregator;
    }

    /** The profile as of {@code asOf}: aggregates of earlier orders, country of the latest one. */
    public CustomerProfile build(String customerId, Collection<Order> orders, Instant asOf, boolean profilingOptOut) {
        return new CustomerProfile(customerId, lastCountryBefore(orders, asOf), profilingOptOut,
                aggregator.aggregate(asOf, orders));
    }

    /** The country of the latest order before {@code asOf}, or "" when there is none. */
    public static String lastCountryBefore(Collection<Order> history, Instant asOf) {
        Order latest = null;
        for (Order o : history) {
            if (o.orderedAt().isBefore(asOf) && (latest == null || o.orderedAt().isAfter(latest.orderedAt()))) {
                latest = o;
            }
        }
        return latest == null ? "" : latest.country();
    }

    /**
     * The end of a historical data set: midnight UTC after its last order, so the last day counts
     * whole. Profiles of historical data are "as of" this moment, not as of today.
     */
    public static Instant observationEnd(Collection<Order> orders) {
        Instant last = orders.stream().map(Order::orderedAt).max(Instant::compareTo)
                .orElseThrow(() -> new IllegalArgumentException("no orders"));
        return observationEnd(last);
    }

    /** The end of observation for data whose latest order is at {@code lastOrderAt} (a distributed job's maximum). */
    public static Instant observationEnd(Instant lastOrderAt) {
        return lastOrderAt.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
    }
}
