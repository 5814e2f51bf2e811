package com.crmscoring.storage.orders;

import com.crmscoring.shared.domain.Order;
import com.crmscoring.shared.domain.OrderLine;
import com.crmscoring.storage.ItemValues;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An {@link Order} as an item of the orders table (partition key {@link #CUSTOMER_ID}, sort key
 * {@link #ORDER_ID}) and back.
 */
public final class OrderItemMapper {

    public static final String CUSTOMER_ID = "customerId";
    public static final String ORDER_ID = "orderId";
    public static final String ORDERED_AT = "orderedAt";
    public static final String COUNTRY = "country";
    public static final String CANCELLATION = "cancellation";
    public static final String AMOUNT = "amount";
    public static final String LINES = "lines";
    public static final String STOCK_CODE = "stockCode";
    public static final String DESCRIPTION = "description";
    public static final String QUANTITY = "quantity";
    public static final String UNIT_PRICE = "unitPrice";

    public Map<String, AttributeValue> toItem(Order order) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put(CUSTOMER_ID, AttributeValue.fromS(order.customerId()));
        item.put(ORDER_ID, AttributeValue.fromS(order.orderId()));
        item.put(ORDERED_AT, AttributeValue.fromS(order.orderedAt().toString()));
        if (!order.country().isEmpty()) {
            item.put(COUNTRY, AttributeValue.fromS(order.country()));
        }
        item.put(CANCELLATION, AttributeValue.fromBool(order.cancellation()));
        item.put(AMOUNT, AttributeValue.fromN(ItemValues.number(Math.round(order.amount() * 100) / 100.0)));
        List<AttributeValue> lines = new ArrayList<>(order.lines().size());
        for (OrderLine line : order.lines()) {
            Map<String, AttributeValue> m = new LinkedHashMap<>();
            m.put(STOCK_CODE, AttributeValue.fromS(line.stockCode()));
            if (!line.description().isEmpty()) {
                m.put(DESCRIPTION, AttributeValue.fromS(line.description()));
            }
            m.put(QUANTITY, AttributeValue.fromN(Integer.toString(line.quantity())));
            m.put(UNIT_PRICE, AttributeValue.fromN(ItemValues.number(line.unitPrice())));
            lines.add(AttributeValue.fromM(m));
        }
        item.put(LINES, AttributeValue.fromL(lines));
        return item;
    }

    /**
     * @throws IllegalArgumentException naming the first attribute that is missing or malformed
     */
    public Order fromItem(Map<String, AttributeValue> item) {
        String customerId = requiredString(item, CUSTOMER_ID);
        String orderId = requiredString(item, ORDER_ID);
        Instant orderedAt = ItemValues.instant(item, ORDERED_AT);
        if (orderedAt == null) {
            throw new IllegalArgumentException(ORDERED_AT + " is missing or not an ISO-8601 instant");
        }
        AttributeValue linesValue = item.get(LINES);
        if (linesValue == null || !linesValue.hasL()) {
            throw new IllegalArgumentException(LINES + " is missing or not a list");
        }
        List<OrderLine> lines = new ArrayList<>();
        int i = 0;
        for (AttributeValue v : linesValue.l()) {
            if (!v.hasM()) {
                throw new IllegalArgumentException(LINES + "[" + i + "] is not a map");
            }
            Map<String, AttributeValue> m = v.m();
            try {
                String stockCode = requiredString(m, STOCK_CODE);
                String description = optionalString(m, DESCRIPTION);
                int quantity = Integer.parseInt(requiredNumber(m, QUANTITY));
                double unitPrice = Double.parseDouble(requiredNumber(m, UNIT_PRICE));
                lines.add(new OrderLine(stockCode, description == null ? "" : description, quantity, unitPrice));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(LINES + "[" + i + "]: " + e.getMessage(), e);
            }
            i++;
        }
        String countryText = optionalString(item, COUNTRY);
        return new Order(orderId, customerId, orderedAt, countryText == null ? "" : countryText, cancellation(item), lines);
    }

    /**
     * An attribute that may be absent (or DynamoDB's NULL) but, when present, has its one type:
     * an item written by another system with a number for a country is refused, not read as "".
     */
    private static String optionalString(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        if (v == null || Boolean.TRUE.equals(v.nul())) {
            return null;
        }
        if (v.s() == null) {
            throw new IllegalArgumentException(name + " is not a string");
        }
        return v.s();
    }

    private static boolean cancellation(Map<String, AttributeValue> item) {
        AttributeValue v = item.get(CANCELLATION);
        if (v == null || Boolean.TRUE.equals(v.nul())) {
            return false;
        }
        if (v.bool() == null) {
            throw new IllegalArgumentException(CANCELLATION + " is not a boolean");
        }
        return v.bool();
    }

    private static String requiredString(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        if (v == null || v.s() == null || v.s().isBlank()) {
            throw new IllegalArgumentException(name + " is missing or not a string");
        }
        return v.s();
    }

    private static String requiredNumber(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        if (v == null || v.n() == null) {
            throw new IllegalArgumentException(name + " is missing or not a number");
        }
        return v.n();
    }
}
