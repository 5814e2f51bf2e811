package com.crmscoring.scoring.score;

/**
 * The request is well formed but holds more than a call may carry (ids in a batch, lines in an
 * order). Its own type so that the HTTP API answers 413 and the caller knows to split, not fix.
 */
public final class RequestTooLargeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String field;
    private final int limit;

    public RequestTooLargeException(String field, int limit, int actual) {
        super(field + ": must hold at most " + limit + ", has " + actual);
        this.field = field;
        this.limit = limit;
    }

    /** The request field at fault. */
    public String field() {
        return field;
    }

    /** The most the field may hold. */
    public int limit() {
        return limit;
    }
}
