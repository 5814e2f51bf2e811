package com.crmscoring.training.export;

/** The exported model does not score as the trained one does: it must not be published. */
public final class ParityException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ParityException(String message) {
        super(message);
    }

    public ParityException(String message, Throwable cause) {
        super(message, cause);
    }
}
