package com.crmscoring.scoring.orders;

import com.crmscoring.shared.domain.Order;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** What the order-event function reads and writes: a customer's orders and their profile item. */
public interface OrderStore {

    /** Every order of the customer, in no particular order. Items that are not orders are skipped. */
    List<Order> ordersOf(String customerId);

    /** Stores an order (idempotent: the same order overwrites itself). */
    void putOrder(Order order);

    /** The customer's stored profile item, if any. */
    Optional<Map<String, AttributeValue>> profileItem(String customerId);

    /** Replaces the customer's profile item. */
    void putProfile(Map<String, AttributeValue> item);
}
