package com.crmscoring.shared.features;

/** A monotone transform applied to a numeric value before standardisation. */
public enum NumericTransform {
    /** The value as it is. */
    NONE,
    /**
     * {@code sign(x) * log(1 + |x|)}: counts and money in a shop are heavy-tailed, and a linear
     * model on the raw values would be driven by a handful of wholesale customers.
     */
    SIGNED_LOG1P;

    public double apply(double x) {
        return switch (this) {
            case NONE -> x;
            case SIGNED_LOG1P -> Math.signum(x) * Math.log1p(Math.abs(x));
        };
    }
}
