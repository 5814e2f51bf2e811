package com.crmscoring.storage.profile;

import com.crmscoring.shared.aggregates.CustomerHistory;
import com.crmscoring.shared.domain.CustomerProfile;
import com.crmscoring.shared.features.FeatureSource;
import java.time.Instant;

/**
 * A customer's profile item as stored, in the contract's terms. Scoring turns it into features at
 * the instant asked ({@code CustomerFeatureReader}); the order handler applies orders to its history.
 *
 * @param version            the item's version, 0 for an item written without one: every writer
 *                           writes on condition that it is still the one it read
 * @param erasedAt           for an erased customer's marker, when they were erased; else null
 * @param snapshotAsOf       the instant the stored aggregates describe (just after the latest order);
 *                           null when the item does not say
 * @param snapshotAttributes the stored aggregates as raw feature values: what is scored for an item
 *                           written without a history
 * @param snapshot           the same as a record; null when the item is too sparse to be one
 * @param history            the order history that features at any later instant are computed from;
 *                           null for an item written before histories were stored, or a marker
 */
public record StoredProfile(String customerId, boolean profilingOptOut, long version, Instant erasedAt, Instant snapshotAsOf,
                            FeatureSource snapshotAttributes, CustomerProfile snapshot, CustomerHistory history) {

    /** Whether this is an erased customer's marker: there is no profile to score. */
    public boolean erased() {
        return erasedAt != null;
    }
}
