package com.crmscoring.shared.features;

import java.util.List;

/**
 * A numeric attribute: transformed, then standardised with the training data's mean and
 * standard deviation. A missing or non-numeric value becomes {@code missingValue} (the training
 * median, in raw units) before the transform.
 *
 * @param mean mean of the transformed training values
 * @param std  standard deviation of the transformed training values; 0 for a constant column
 */
public record NumericFeature(String name, NumericTransform transform, double missingValue,
                             double mean, double std) implements FeatureDefinition {

    @Override
    public List<String> columns() {
        return List.of(name);
    }

    @Override
    public boolean encode(Object raw, double[] out) {
        double x = FeatureValues.toDouble(raw);
        boolean missing = Double.isNaN(x);
        if (missing) {
            x = missingValue;
        }
        out[0] = standardise(transform.apply(x));
        return missing;
    }

    /** Standardised value of an already transformed number. */
    double standardise(double transformed) {
        return std > 0 ? (transformed - mean) / std : 0.0;
    }

    @Override
    public double[] baseline() {
        return new double[] {0.0};
    }
}
