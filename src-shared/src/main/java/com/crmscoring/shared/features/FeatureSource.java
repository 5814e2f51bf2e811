package com.crmscoring.shared.features;

/**
 * The raw attributes of one thing to score (a customer profile, an order, a CSV row), looked up
 * by name. The {@link FeatureSpec} says which names a model reads and how each is encoded.
 */
@FunctionalInterface
public interface FeatureSource {

    /**
     * @return the raw value: a {@link Number}, a {@link String} or a {@link Boolean}; or null when
     *         the attribute is absent (a missing value, encoded as the specification says)
     */
    Object value(String attribute);
}
