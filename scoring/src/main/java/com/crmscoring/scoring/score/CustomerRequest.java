package com.crmscoring.scoring.score;

/**
 * {@code {"customerId": "12347", "asOf": "2011-12-10T00:00:00Z"}}: the request of every
 * single-customer score. {@code asOf} (ISO-8601, optional) is the instant to score for, for
 * back-testing and historical data; without it the score is for now.
 */
public record CustomerRequest(String customerId, String asOf) {
}
