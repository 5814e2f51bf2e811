package com.crmscoring.shared.offers;

import com.crmscoring.shared.domain.Order;
import com.crmscoring.shared.domain.OrderLine;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a customer bought of each offer's family before {@code asOf}: the family's share of their
 * spend and the days since they last bought from it. Stored on the profile (attribute names
 * from {@link Offer}) so that scoring reads what training computed.
 */
public final class FamilyAggregates {

    private FamilyAggregates() {
    }

    /**
     * @return attribute name to value; a family never bought has a share of 0 and no days-since entry
     */
    public static Map<String, Double> attributes(OfferCatalogue catalogue, Collection<Order> orders, Instant asOf) {
        Map<String, Double> spend = new LinkedHashMap<>();
        Map<String, Instant> last = new LinkedHashMap<>();
        double total = 0;
        for (Order order : orders) {
            if (order.cancellation() || !order.orderedAt().isBefore(asOf)) {
                continue;
            }
            for (OrderLine line : order.lines()) {
                double amount = line.amount();
                total += amount;
                catalogue.familyOf(line.description()).ifPresent(offer -> {
                    spend.merge(offer.id(), amount, Double::sum);
                    last.merge(offer.id(), order.orderedAt(), (a, b) -> a.isAfter(b) ? a : b);
                });
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (Offer offer : catalogue.offers()) {
            out.put(offer.shareAttribute(), total > 0 ? spend.getOrDefault(offer.id(), 0.0) / total : 0.0);
            Instant at = last.get(offer.id());
            if (at != null) {
                out.put(offer.daysSinceAttribute(), Duration.between(at, asOf).toMillis() / 86_400_000.0);
            }
        }
        return out;
    }
}
