package com.crmscoring.storage.orders;

import com.crmscoring.shared.domain.Order;
import com.crmscoring.storage.profile.ProfileUpdate;
import com.crmscoring.storage.profile.StoredProfile;
import java.util.List;
import java.util.Optional;

/**
 * What the order handler reads and writes: a customer's orders and their profile, in the
 * contract's terms. Every method may throw
 * {@link com.crmscoring.storage.DependencyUnavailableException} when the store cannot be reached.
 */
public interface OrderStore {

    /**
     * Every order of the customer, in no particular order. Items that are not orders are skipped.
     * The repair path: a profile without a stored history is rebuilt from it.
     */
    List<Order> ordersOf(String customerId);

    /**
     * Every order of the customer, read eventually consistently, with the read capacity the query
     * consumed: for jobs that read many customers and must keep to a rate, not for the order handler.
     */
    OrdersRead ordersForJob(String customerId);

    /** A customer's orders and what reading them cost. */
    record OrdersRead(List<Order> orders, double readUnits) {
    }

    /** Stores an order (idempotent: the same order overwrites itself). */
    void putOrder(Order order);

    /** The customer's profile as it is now (a consistent read), an erased customer's marker included. */
    Optional<StoredProfile> profile(String customerId);

    /**
     * Writes the order handler's attributes of the profile, leaving every other attribute (the
     * customer's consent, above all) as it is, and increments its version; only if the profile is
     * still as it was read.
     *
     * @param expectedVersion the version read ({@link StoredProfile#version()}), or null when there
     *                        was no profile at all
     * @return false when another writer changed the profile since it was read (nothing was written)
     */
    boolean updateProfile(ProfileUpdate update, Long expectedVersion);
}
