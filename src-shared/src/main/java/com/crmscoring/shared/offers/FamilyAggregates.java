package com.crmscoring.shared.offers;

import com.crmscoring.shared.aggregates.CustomerHistory;
import com.crmscoring.shared.domain.Order;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * What a customer bought of each offer's family before {@code asOf}: the family's share of their
 * spend and the days since they last bought from it (attribute names from {@link Offer}),
 * computed by {@link CustomerHistory} as scoring computes them for a request's instant.
 */
public final class FamilyAggregates {

    private FamilyAggregates() {
    }

    /**
     * @return attribute name to value; a family never bought has a share of 0 and no days-since entry
     */
    public static Map<String, Double> attributes(OfferCatalogue catalogue, Collection<Order> orders, Instant asOf) {
        return CustomerHistory.of(orders, asOf, catalogue).familyAttributesAt(catalogue, asOf);
    }
}
