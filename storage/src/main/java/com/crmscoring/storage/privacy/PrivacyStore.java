package com.crmscoring.storage.privacy;

import java.time.Instant;

/**
 * The customer's rights over their data, written by one writer alone: their objection to
 * profiling (GDPR Art. 21) and erasure (Art. 17). The order handler never writes these. Every
 * change bumps the profile's version, so that a handler that read the profile before the change
 * cannot store anything after it.
 */
public interface PrivacyStore {

    /**
     * Records an objection to profiling and removes the stored scores. Idempotent: a repeated
     * objection keeps the time of the first. A customer without a profile gets an item holding only
     * the objection, honoured from their first order on.
     *
     * @throws com.crmscoring.storage.DependencyUnavailableException when the store cannot be reached
     */
    void recordObjection(String customerId, Instant at);

    /** Records that the customer withdrew their objection. Idempotent. */
    void withdrawObjection(String customerId, Instant at);

    /**
     * Erases the customer: every order of theirs in the orders table, and their profile, which is
     * replaced by a marker holding only the id and the time of erasure, so that an order from before
     * it, delivered late, cannot bring the data back. Idempotent.
     *
     * @return the number of orders deleted
     */
    int erase(String customerId, Instant at);
}
