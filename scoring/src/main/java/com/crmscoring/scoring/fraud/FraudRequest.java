package com.crmscoring.scoring.fraud;

import java.math.BigDecimal;
import java.util.List;

/**
 * An order to screen, as the web shop or the order pipeline sends it.
 *
 * <pre>{"customerId": "12347", "order": {"orderId": "581587", "orderedAt": "2011-12-09T12:50:00Z",
 *   "country": "France", "lines": [{"stockCode": "22613", "description": "...", "quantity": 12, "unitPrice": 0.85}]}}</pre>
 */
public record FraudRequest(String customerId, OrderRequest order) {

    /** The order: an id, when it was placed (ISO-8601 instant), where, and its lines. */
    public record OrderRequest(String orderId, String orderedAt, String country, List<LineRequest> lines) {
    }

    /**
     * One line: a positive whole quantity at a non-negative unit price, read exactly (a decimal,
     * not a double: {@code 1e-400} is not silently zero).
     */
    public record LineRequest(String stockCode, String description, Integer quantity, BigDecimal unitPrice) {
    }
}
