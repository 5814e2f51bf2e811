package com.crmscoring.scoring.value;

import com.crmscoring.scoring.score.Reason;
import com.crmscoring.scoring.score.ScoreStatus;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Expected net spend of a customer over the next {@code horizonDays}, in the shop's currency.
 *
 * @param reasons attributes that moved the forecast most; impacts in currency units
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LifetimeValueScore(String customerId, ScoreStatus status, Double expectedSpend, Integer horizonDays,
                                 List<Reason> reasons, List<String> defaultsApplied, String model, String modelVersion,
                                 String asOf) {
}
