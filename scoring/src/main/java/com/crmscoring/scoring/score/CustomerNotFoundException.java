package com.crmscoring.scoring.score;

/**
 * No profile exists for the requested customer. The message leaves the id out on purpose:
 * errors end up in logs, and the caller knows which id it sent.
 */
public final class CustomerNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient String customerId;

    public CustomerNotFoundException(String customerId) {
        super("no profile exists for the requested customerId");
        this.customerId = customerId;
    }

    public String customerId() {
        return customerId;
    }
}
