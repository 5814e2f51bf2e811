package com.crmscoring.scoring.score;

/** {@code {"customerId": "12347"}}: the request of every single-customer score. */
public record CustomerRequest(String customerId) {
}
