package com.crmscoring.shared.features;

/** A model asks for an input column that its feature specification does not produce. */
public final class FeatureSchemaMismatchException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public FeatureSchemaMismatchException(String message) {
        super(message);
    }
}
