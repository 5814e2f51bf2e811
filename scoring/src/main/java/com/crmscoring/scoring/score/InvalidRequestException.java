package com.crmscoring.scoring.score;

/** The request is malformed: a field is missing or has a value the function cannot accept. */
public final class InvalidRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidRequestException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
    }

    /** The request field at fault. */
    public String field() {
        return field;
    }
}
