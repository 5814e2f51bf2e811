package com.crmscoring.scoring.profile;

import com.crmscoring.shared.aggregates.CustomerHistory;
import com.crmscoring.shared.domain.CustomerProfile;
import com.crmscoring.shared.features.FeatureSource;
import java.time.Instant;

/**
 * A profile as the scorers read it: the raw attributes go to the vectorizer as they are, so an
 * attribute that is missing becomes the model's documented default rather than a failure.
 *
 * @param asOf       the instant the attributes describe: the request's instant once
 *                   {@code ProfileLookup} has computed them, else the stored snapshot's; null when
 *                   the item does not say
 * @param profile    the same as a record, for scores that need the domain view (fraud compares an
 *                   order with it); null when the item is too sparse to be one
 * @param history    the stored order history that features at any later instant are computed
 *                   from; null for an item written before histories were stored
 */
public record StoredProfile(String customerId, boolean profilingOptOut, Instant asOf, FeatureSource attributes,
                            CustomerProfile profile, CustomerHistory history) {
}
