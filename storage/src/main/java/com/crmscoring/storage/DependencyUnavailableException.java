package com.crmscoring.storage;

/** A service the function depends on (DynamoDB) failed or timed out; the caller may retry. */
public final class DependencyUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DependencyUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
