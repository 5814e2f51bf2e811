package com.crmscoring.scoring.profile;

import com.crmscoring.shared.domain.CustomerProfile;
import com.crmscoring.shared.features.FeatureSource;
import java.time.Instant;

/**
 * A profile as read for scoring: the raw attributes go to the vectorizer as they are, so an
 * attribute the item lacks becomes the model's documented default rather than a failure.
 *
 * @param asOf       when the stored aggregates were computed; null when the item does not say
 * @param profile    the item read as a record, for scores that need the domain view (fraud
 *                   compares an order with it); null when the item is too sparse to be one
 */
public record StoredProfile(String customerId, boolean profilingOptOut, Instant asOf, FeatureSource attributes,
                            CustomerProfile profile) {
}
