package com.crmscoring.shared.features;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns raw attributes into a model's input vector, in the model's own column order.
 *
 * <p>The column order is the model's (read from its metadata), never the order in which the
 * specification happens to list its features. A model column that the specification cannot
 * produce is refused at construction, so a scorer fails at start-up rather than scoring with a
 * silently shifted vector. Specification columns that the model does not use (a level never
 * seen in training) are computed and dropped. Instances are immutable and thread-safe.
 */
public final class FeatureVectorizer {

    private final FeatureSpec spec;
    private final List<String> columns;
    private final List<FeatureGroup> groups;
    private final int maxDefinitionWidth;

    /**
     * @param spec         the fitted specification from the model's metadata
     * @param modelColumns the model's input columns in input order
     * @throws FeatureSchemaMismatchException when a model column is not produced by {@code spec}
     *                                        or appears twice
     */
    public FeatureVectorizer(FeatureSpec spec, List<String> modelColumns) {
        this.spec = spec;
        this.columns = List.copyOf(modelColumns);
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            if (position.put(columns.get(i), i) != null) {
                throw new FeatureSchemaMismatchException("model input column '" + columns.get(i) + "' appears twice");
            }
        }
        List<FeatureGroup> built = new ArrayList<>();
        int covered = 0;
        int widest = 0;
        for (FeatureDefinition definition : spec.features()) {
            List<String> own = definition.columns();
            widest = Math.max(widest, own.size());
            int[] positions = new int[own.size()];
            boolean used = false;
            for (int j = 0; j < own.size(); j++) {
                positions[j] = position.getOrDefault(own.get(j), -1);
                if (positions[j] >= 0) {
                    covered++;
                    used = true;
                }
            }
            if (used) {
                built.add(new FeatureGroup(definition, positions));
            }
        }
        if (covered != columns.size()) {
            List<String> unknown = new ArrayList<>(columns);
            unknown.removeAll(spec.columns());
            throw new FeatureSchemaMismatchException(
                    "model input columns not produced by the feature specification: " + unknown);
        }
        this.groups = List.copyOf(built);
        this.maxDefinitionWidth = widest;
    }

    /** Number of model input columns. */
    public int width() {
        return columns.size();
    }

    /** The model's input columns, in input order. */
    public List<String> columns() {
        return columns;
    }

    public FeatureSpec spec() {
        return spec;
    }

    /** The features the model reads, each with the input positions it fills. */
    public List<FeatureGroup> groups() {
        return groups;
    }

    /** The model input for one source. */
    public float[] vectorize(FeatureSource source) {
        float[] out = new float[columns.size()];
        encodeInto(source, out, 0);
        return out;
    }

    /**
     * Writes the model input for {@code source} into {@code out[offset .. offset + width())}.
     *
     * @return the names of the attributes that were missing and got their documented default
     */
    public List<String> encodeInto(FeatureSource source, float[] out, int offset) {
        double[] scratch = new double[maxDefinitionWidth];
        List<String> defaulted = List.of();
        for (FeatureGroup group : groups) {
            FeatureDefinition definition = group.definition();
            if (definition.encode(source.value(definition.name()), scratch)) {
                if (defaulted.isEmpty()) {
                    defaulted = new ArrayList<>();
                }
                defaulted.add(definition.name());
            }
            int[] positions = group.positions();
            for (int j = 0; j < positions.length; j++) {
                if (positions[j] >= 0) {
                    out[offset + positions[j]] = (float) scratch[j];
                }
            }
        }
        return defaulted;
    }

    /**
     * One raw attribute and the input positions it fills (-1 where the model has no such column).
     */
    public record FeatureGroup(FeatureDefinition definition, int[] positions) {

        /** Sets this attribute's columns of {@code vector} to the typical customer's values. */
        public void resetToBaseline(float[] vector, int offset) {
            double[] baseline = definition.baseline();
            for (int j = 0; j < positions.length; j++) {
                if (positions[j] >= 0) {
                    vector[offset + positions[j]] = (float) baseline[j];
                }
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof FeatureGroup g && definition.equals(g.definition) && Arrays.equals(positions, g.positions);
        }

        @Override
        public int hashCode() {
            return 31 * definition.hashCode() + Arrays.hashCode(positions);
        }

        @Override
        public String toString() {
            return "FeatureGroup[" + definition.name() + " -> " + Arrays.toString(positions) + "]";
        }
    }
}
