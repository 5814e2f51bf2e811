package com.crmscoring.scoring.churn;

import com.crmscoring.scoring.score.Reason;
import com.crmscoring.scoring.score.ScoreStatus;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The churn answer for one customer.
 *
 * @param status           {@code SCORED}, or {@code OPTED_OUT} when the customer objected to
 *                         profiling (then no probability, band or reasons are given)
 * @param churnProbability probability of no purchase in the next 90 days
 * @param riskBand         {@code high} (top 20 % of training customers), {@code medium} (next 30 %) or {@code low}
 * @param reasons          the attributes that moved the score most, strongest first
 * @param defaultsApplied  attributes the profile lacked, replaced by the model's documented defaults
 * @param asOf             the instant the score describes: the request's asOf, or when it was asked
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChurnScore(String customerId, ScoreStatus status, Double churnProbability, String riskBand,
                         List<Reason> reasons, List<String> defaultsApplied, String model, String modelVersion,
                         String asOf) {
}
