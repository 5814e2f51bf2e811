package com.crmscoring.scoring.orders;

/** Other writers kept changing a profile while an order was applied: the record must be redelivered. */
public final class ConcurrentUpdateException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConcurrentUpdateException(String message) {
        super(message);
    }
}
