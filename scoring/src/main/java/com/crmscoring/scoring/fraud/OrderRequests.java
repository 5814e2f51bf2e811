package com.crmscoring.scoring.fraud;

import com.crmscoring.scoring.score.CustomerIds;
import com.crmscoring.scoring.score.InvalidRequestException;
import com.crmscoring.scoring.score.RequestText;
import com.crmscoring.scoring.score.RequestTooLargeException;
import com.crmscoring.scoring.score.TimeBounds;
import com.crmscoring.shared.domain.Order;
import com.crmscoring.shared.domain.OrderLine;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An order as a caller sends it, checked against the bounds openapi.yaml documents and turned
 * into the contract's {@link Order}: the one parser of the fraud check (HTTP and Funqy) and the
 * order queue, so that every entry point accepts and refuses the same orders.
 */
public final class OrderRequests {

    /** Orders with more lines are refused rather than scored slowly; the shop's largest has about 1,100. */
    public static final int MAX_LINES = 2_000;
    /** Above the largest line of the shop's history (80,995). */
    public static final int MAX_QUANTITY = 100_000;
    /** Above the largest unit price of the shop's history (38,970, a manual adjustment). */
    public static final BigDecimal MAX_UNIT_PRICE = new BigDecimal("100000");
    /** Prices are in the currency's minor units at most to this many decimals. */
    public static final int MAX_PRICE_DECIMALS = 4;
    public static final int MAX_STOCK_CODE = 64;
    public static final int MAX_COUNTRY = 64;
    public static final int MAX_TEXT = 256;
    /** The same rule as a customer id's ({@code CustomerIds}). */
    private static final Pattern ORDER_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final Clock clock;

    /** @param clock "now", for orders dated in the future */
    public OrderRequests(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param customerId an id already validated
     * @throws InvalidRequestException   naming the first field out of its documented bounds
     * @throws RequestTooLargeException  for more than {@link #MAX_LINES} lines
     */
    public Order toOrder(String customerId, FraudRequest.OrderRequest o) {
        if (o == null) {
            throw new InvalidRequestException("order", "is required");
        }
        checkOrderId(o.orderId());
        Instant at = orderedAt(o.orderedAt());
        String country = RequestText.check("order.country", o.country(), MAX_COUNTRY);
        if (o.lines() == null || o.lines().isEmpty()) {
            throw new InvalidRequestException("order.lines", "must hold at least one line");
        }
        if (o.lines().size() > MAX_LINES) {
            throw new RequestTooLargeException("order.lines", MAX_LINES, o.lines().size());
        }
        List<OrderLine> lines = new ArrayList<>(o.lines().size());
        for (int i = 0; i < o.lines().size(); i++) {
            FraudRequest.LineRequest l = o.lines().get(i);
            String field = "order.lines[" + i + "]";
            if (l == null) {
                throw new InvalidRequestException(field, "must be an object");
            }
            String stockCode = RequestText.check(field + ".stockCode", l.stockCode(), MAX_STOCK_CODE);
            if (stockCode == null || stockCode.isBlank()) {
                throw new InvalidRequestException(field + ".stockCode", "is required");
            }
            String description = RequestText.check(field + ".description", l.description(), MAX_TEXT);
            if (l.quantity() == null || l.quantity() <= 0 || l.quantity() > MAX_QUANTITY) {
                throw new InvalidRequestException(field + ".quantity", "must be a whole number from 1 to " + MAX_QUANTITY);
            }
            lines.add(new OrderLine(stockCode, description, l.quantity(), unitPrice(field + ".unitPrice", l.unitPrice())));
        }
        return new Order(o.orderId(), customerId, at, country == null ? "" : country, false, lines);
    }

    /**
     * An order read from the orders table (the stream handler's input), held to the same bounds:
     * the table is written by this service's queue entry and by the shop's own systems, and a
     * record out of bounds must fail alone, as a batch item failure, not poison the customer.
     * Cancellations carry negative quantities; their size is bounded the same.
     */
    public Order checkStored(Order order) {
        // The ids other entry points accept, exactly: a profile under any other id could never be scored.
        if (!order.customerId().equals(CustomerIds.validate(order.customerId()))) {
            throw new InvalidRequestException("customerId", "must not start or end with blanks");
        }
        checkOrderId(order.orderId());
        checkInstant(order.orderedAt());
        RequestText.check("order.country", order.country(), MAX_COUNTRY);
        if (order.lines().isEmpty()) {
            throw new InvalidRequestException("order.lines", "must hold at least one line");
        }
        if (order.lines().size() > MAX_LINES) {
            throw new RequestTooLargeException("order.lines", MAX_LINES, order.lines().size());
        }
        for (int i = 0; i < order.lines().size(); i++) {
            OrderLine l = order.lines().get(i);
            String field = "order.lines[" + i + "]";
            RequestText.check(field + ".stockCode", l.stockCode(), MAX_STOCK_CODE);
            RequestText.check(field + ".description", l.description(), MAX_TEXT);
            if (Math.abs(l.quantity()) > MAX_QUANTITY) {
                throw new InvalidRequestException(field + ".quantity", "must be at most " + MAX_QUANTITY
                        + " in size (negative for a cancellation)");
            }
            if (!(l.unitPrice() >= 0 && l.unitPrice() <= MAX_UNIT_PRICE.doubleValue())) {
                throw new InvalidRequestException(field + ".unitPrice", "must be a number from 0 to " + MAX_UNIT_PRICE.toPlainString());
            }
        }
        return order;
    }

    private static void checkOrderId(String orderId) {
        if (orderId == null || !ORDER_ID.matcher(orderId).matches()) {
            throw new InvalidRequestException("order.orderId", "is required: 1 to 64 letters, digits, '.', '_' or '-'");
        }
    }

    private Instant orderedAt(String text) {
        Instant at;
        try {
            at = Instant.parse(String.valueOf(text));
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("order.orderedAt", "must be an ISO-8601 instant such as 2011-12-09T12:50:00Z");
        }
        return checkInstant(at);
    }

    private Instant checkInstant(Instant at) {
        return TimeBounds.checkPast("order.orderedAt", at, clock);
    }

    private static double unitPrice(String field, BigDecimal price) {
        if (price == null || price.signum() < 0 || price.compareTo(MAX_UNIT_PRICE) > 0
                || price.stripTrailingZeros().scale() > MAX_PRICE_DECIMALS) {
            throw new InvalidRequestException(field, "must be a number from 0 to " + MAX_UNIT_PRICE.toPlainString()
                    + " with at most " + MAX_PRICE_DECIMALS + " decimals");
        }
        return price.doubleValue();
    }
}
