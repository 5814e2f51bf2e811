package com.crmscoring.scoring.score;

/** The request is malformed: a field is missing or has a value the function cannot accept. */
public final class InvalidRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String field;
    private final String reason;

    public InvalidRequestException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
        this.reason = reason;
    }

    /** What is wrong with the field, without its name ("is required"). */
    public String reason() {
        return reason;
    }

    /** The request field at fault. */
    public String field() {
        return field;
    }
}
