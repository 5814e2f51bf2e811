package com.crmscoring.shared.aggregates;

import com.crmscoring.shared.domain.Order;
import java.time.Instant;
import java.util.Collection;

/**
 * Turns a customer's order history into {@link BehaviourAggregates}: recency, frequency and
 * monetary value, as of one moment. Training builds its features with it at each cut-off; the
 * scorers compute the same features for the instant of a request from a stored
 * {@link CustomerHistory}. Both go through {@link CustomerHistory#aggregatesAt}, the one
 * implementation.
 *
 * <p>Only orders placed strictly before {@code asOf} are read, so a feature computed for a
 * training cut-off can never see the period its label comes from.
 */
public final class OrderAggregator {

    /**
     * @param asOf   the moment the aggregates describe; later orders are ignored
     * @param orders every order of one customer, in any order
     */
    public BehaviourAggregates aggregate(Instant asOf, Collection<Order> orders) {
        return CustomerHistory.of(orders, asOf, null).aggregatesAt(asOf);
    }
}
