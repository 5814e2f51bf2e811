package com.crmscoring.scoring.score;

/**
 * One attribute that moved a score, and how much.
 *
 * @param feature the attribute, e.g. {@code recencyDays}
 * @param value   the customer's value, as the model read it (after any default)
 * @param effect  {@code raises} or {@code lowers} the score
 * @param impact  log-odds of the score minus log-odds with this attribute at a typical customer's
 *                value: positive raises the score; +0.69 roughly doubles the odds
 */
public record Reason(String feature, String value, String effect, double impact) {
}
