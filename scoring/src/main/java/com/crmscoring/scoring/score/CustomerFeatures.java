package com.crmscoring.scoring.score;

import com.crmscoring.shared.aggregates.CustomerHistory;
import com.crmscoring.shared.domain.CustomerProfile;
import com.crmscoring.shared.features.FeatureSource;
import java.time.Instant;

/**
 * A customer as the scorers see them: their features at one instant. The raw attributes go to the
 * vectorizer as they are, so an attribute that is missing becomes the model's documented default
 * rather than a failure.
 *
 * @param asOf       the instant the attributes describe: the request's instant, or, for a profile
 *                   stored without a history, its snapshot's; null when the item does not say
 * @param attributes the features' raw values at {@code asOf}
 * @param profile    the same as a record, for scores that need the domain view (fraud compares an
 *                   order with it); null when the stored profile is too sparse to be one
 * @param history    the stored order history the attributes were computed from; null for a
 *                   profile written before histories were stored
 */
public record CustomerFeatures(String customerId, boolean profilingOptOut, Instant asOf, FeatureSource attributes,
                               CustomerProfile profile, CustomerHistory history) {
}
