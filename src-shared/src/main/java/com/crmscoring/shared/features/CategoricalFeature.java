package com.crmscoring.shared.features;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A categorical attribute, one-hot encoded over the levels seen often enough in training. Any
 * other value (rare, unseen, or missing) sets the {@link #OTHER} column, so a new country at
 * scoring time is a known case, not an error.
 *
 * @param levels   the levels with a column of their own, sorted
 * @param baselineLevel the most frequent training level: the reference for explanations
 */
public record CategoricalFeature(String name, List<String> levels, String baselineLevel)
        implements FeatureDefinition {

    /** The level that stands for everything not in {@code levels}. */
    public static final String OTHER = "__other__";

    public CategoricalFeature {
        levels = List.copyOf(levels);
        Objects.requireNonNull(baselineLevel, "baselineLevel");
    }

    /** Column name of one level: {@code name=level}. */
    public String column(String level) {
        return name + "=" + level;
    }

    @Override
    public List<String> columns() {
        List<String> columns = new ArrayList<>(levels.size() + 1);
        for (String level : levels) {
            columns.add(column(level));
        }
        columns.add(column(OTHER));
        return columns;
    }

    @Override
    public boolean encode(Object raw, double[] out) {
        String value = FeatureValues.toCategory(raw);
        java.util.Arrays.fill(out, 0, levels.size() + 1, 0.0);
        out[indexOf(value)] = 1.0;
        return value == null;
    }

    private int indexOf(String value) {
        int i = value == null ? -1 : levels.indexOf(value);
        return i < 0 ? levels.size() : i;
    }

    @Override
    public double[] baseline() {
        double[] out = new double[levels.size() + 1];
        out[indexOf(baselineLevel)] = 1.0;
        return out;
    }
}
