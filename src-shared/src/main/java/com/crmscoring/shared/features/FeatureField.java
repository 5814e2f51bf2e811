package com.crmscoring.shared.features;

/**
 * What training declares about a raw attribute before fitting: its name, its type and, for
 * numbers, the transform. {@link FeatureSpecFitter} turns a list of these into a {@link FeatureSpec}.
 *
 * @param minLevelCount for categories: how many training rows a level needs to get a column of
 *                      its own (rarer levels share the "other" column)
 */
public record FeatureField(String name, Type type, NumericTransform transform, int minLevelCount) {

    /** The three encodings. */
    public enum Type { NUMERIC, CATEGORICAL, BOOLEAN }

    public static FeatureField numeric(String name, NumericTransform transform) {
        return new FeatureField(name, Type.NUMERIC, transform, 0);
    }

    public static FeatureField categorical(String name, int minLevelCount) {
        return new FeatureField(name, Type.CATEGORICAL, NumericTransform.NONE, minLevelCount);
    }

    public static FeatureField bool(String name) {
        return new FeatureField(name, Type.BOOLEAN, NumericTransform.NONE, 0);
    }
}
