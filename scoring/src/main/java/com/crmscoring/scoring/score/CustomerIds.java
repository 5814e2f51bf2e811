package com.crmscoring.scoring.score;

import java.util.regex.Pattern;

/** What a customer id may look like: checked before any lookup, so junk never reaches DynamoDB. */
public final class CustomerIds {

    /** Letters, digits, dash, underscore and dot; at most 64 characters. */
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private CustomerIds() {
    }

    /**
     * @return the id, trimmed
     * @throws InvalidRequestException naming {@code customerId} and what is wrong with it
     */
    public static String validate(String customerId) {
        if (customerId == null) {
            throw new InvalidRequestException("customerId", "is required");
        }
        String id = customerId.trim();
        if (id.isEmpty()) {
            throw new InvalidRequestException("customerId", "must not be blank");
        }
        if (id.length() > 64) {
            throw new InvalidRequestException("customerId", "must be at most 64 characters, was " + id.length());
        }
        if (!VALID.matcher(id).matches()) {
            throw new InvalidRequestException("customerId", "may contain only letters, digits, '.', '_' and '-'");
        }
        return id;
    }
}
