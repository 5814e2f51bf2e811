package com.crmscoring.http;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Every error the API answers, whatever the status: a stable code to branch on, a message for
 * people, and the request field at fault when there is one. Never the customer id or any other
 * value the caller sent: error bodies end up in logs on both sides.
 *
 * @param error   INVALID_REQUEST, MALFORMED_JSON, REQUEST_TOO_LARGE, CUSTOMER_NOT_FOUND,
 *                NOT_FOUND, METHOD_NOT_ALLOWED, UNSUPPORTED_MEDIA_TYPE, DEPENDENCY_UNAVAILABLE or
 *                INTERNAL_ERROR
 * @param field   the request field at fault, e.g. {@code order.lines[0].unitPrice}
 * @param limit   for REQUEST_TOO_LARGE, the most the field may hold
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(String error, String message, String field, Integer limit) {

    static ApiError of(String error, String message) {
        return new ApiError(error, message, null, null);
    }
}
