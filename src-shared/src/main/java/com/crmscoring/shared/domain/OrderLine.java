package com.crmscoring.shared.domain;

import java.io.Serializable;
import java.util.Objects;

/**
 * One line of an order. Quantities are negative on cancellation lines, as in the shop's
 * own invoices; prices are in the shop's currency, per unit.
 */
public record OrderLine(String stockCode, String description, int quantity, double unitPrice) implements Serializable {

    public OrderLine {
        Objects.requireNonNull(stockCode, "stockCode");
        if (!Double.isFinite(unitPrice) || unitPrice < 0) {
            throw new IllegalArgumentException("unitPrice must be a finite, non-negative number, was " + unitPrice);
        }
        description = description == null ? "" : description;
    }

    /** Quantity times unit price: negative for a cancelled line. */
    public double amount() {
        return quantity * unitPrice;
    }
}
