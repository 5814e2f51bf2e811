package com.crmscoring.shared.model;

/** ONNX Runtime failed on a request, or a model's parameter tables disagree with its graph: an internal error, not the caller's. */
public final class ScoringException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ScoringException(String message) {
        super(message);
    }

    public ScoringException(String message, Throwable cause) {
        super(message, cause);
    }
}
