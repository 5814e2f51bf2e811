package com.crmscoring.scoring.privacy;

/**
 * {@code {"customerId": "12347", "action": "OBJECT_TO_PROFILING"}}: the request of the privacy
 * function. Actions: {@code OBJECT_TO_PROFILING}, {@code WITHDRAW_OBJECTION}, {@code ERASE}.
 */
public record PrivacyRequest(String customerId, String action) {
}
