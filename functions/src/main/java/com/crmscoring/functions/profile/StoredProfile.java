package com.crmscoring.functions.profile;

import com.crmscoring.shared.features.FeatureSource;
import java.time.Instant;

/**
 * A profile as read for scoring: the raw attributes go to the vectorizer as they are, so an
 * attribute the item lacks becomes the model's documented default rather than a failure.
 *
 * @param asOf when the stored aggregates were computed; null when the item does not say
 */
public record StoredProfile(String customerId, boolean profilingOptOut, Instant asOf, FeatureSource attributes) {
}
