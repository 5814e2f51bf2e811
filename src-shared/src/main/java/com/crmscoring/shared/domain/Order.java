package com.crmscoring.shared.domain;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An order (one invoice of the shop). A cancellation is kept as an order of its own, as the
 * shop records it, so that cancellation behaviour is a feature and not silently lost.
 * Serializable, with its lines, so that a distributed job (the Spark job) can move orders between
 * machines as the contract defines them.
 */
public record Order(String orderId, String customerId, Instant orderedAt, String country,
                    boolean cancellation, List<OrderLine> lines) implements Serializable {

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
