package com.crmscoring.scoring.orders;

import com.crmscoring.shared.domain.Order;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** What the order-event function reads and writes: a customer's orders and their profile item. */
public interface OrderStore {

    /**
     * Every order of the customer, in no particular order. Items that are not orders are skipped.
     * The repair path: a profile without a stored history is rebuilt from it.
     */
    List<Order> ordersOf(String customerId);

    /** Stores an order (idempotent: the same order overwrites itself). */
    void putOrder(Order order);

    /** The customer's stored profile item, if any. */
    Optional<Map<String, AttributeValue>> profileItem(String customerId);

    /**
     * Sets and removes the given attributes of the customer's profile item, leaving every other
     * attribute (the customer's consent, above all) as it is, and increments its version; only if
     * the item is still as it was read.
     *
     * @param expectedVersion the version read; 0 for an item without one, null for no item at all
     * @return false when another writer changed the item since it was read (nothing was written)
     */
    boolean updateProfile(String customerId, Map<String, AttributeValue> set, Set<String> remove, Long expectedVersion);
}
