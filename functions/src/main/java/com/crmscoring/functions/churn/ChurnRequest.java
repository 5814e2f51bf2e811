package com.crmscoring.functions.churn;

/** {@code {"customerId": "12347"}}. */
public record ChurnRequest(String customerId) {
}
