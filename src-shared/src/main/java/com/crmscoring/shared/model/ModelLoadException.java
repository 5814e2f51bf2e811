package com.crmscoring.shared.model;

/** A model file is missing, unreadable, or does not match its own metadata: the container must not start. */
public final class ModelLoadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ModelLoadException(String message, Throwable cause) {
        super(message, cause);
    }

    public ModelLoadException(String message) {
        super(message);
    }
}
