package com.crmscoring.functions.score;

/**
 * One attribute that moved a score, and how much.
 *
 * @param feature the attribute, e.g. {@code recencyDays}
 * @param value   the customer's value, as the model read it (after any default)
 * @param effect  {@code raises} or {@code lowers} the score
 * @param impact  the score minus the score with this attribute at a typical customer's value
 */
public record Reason(String feature, String value, String effect, double impact) {
}
