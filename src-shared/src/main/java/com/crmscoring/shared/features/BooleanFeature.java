package com.crmscoring.shared.features;

import java.util.List;

/**
 * A yes/no attribute encoded as 1 or 0. A missing value becomes {@code missingValue}, the
 * training majority.
 */
public record BooleanFeature(String name, boolean missingValue) implements FeatureDefinition {

    @Override
    public List<String> columns() {
        return List.of(name);
    }

    @Override
    public boolean encode(Object raw, double[] out) {
        Boolean value = FeatureValues.toBoolean(raw);
        out[0] = (value == null ? missingValue : value) ? 1.0 : 0.0;
        return value == null;
    }

    @Override
    public double[] baseline() {
        return new double[] {missingValue ? 1.0 : 0.0};
    }
}
