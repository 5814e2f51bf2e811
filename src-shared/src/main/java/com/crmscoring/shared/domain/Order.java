package com.crmscoring.shared.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An order (one invoice of the shop). A cancellation is kept as an order of its own, as the
 * shop records it, so that cancellation behaviour is a feature and not silently lost.
 */
public record Order(String orderId, String customerId, Instant orderedAt, String country,
                    boolean cancellation, List<OrderLine> lines) {

    public Order {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(orderedAt, "orderedAt");
        country = country == null ? "" : country;
        lines = List.copyOf(lines);
    }

    /** Net value of the order: the sum of its lines (negative for a cancellation). */
    public double amount() {
        double sum = 0;
        for (OrderLine line : lines) {
            sum += line.amount();
        }
        return sum;
    }
}
