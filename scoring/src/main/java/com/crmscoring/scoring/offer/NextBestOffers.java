package com.crmscoring.scoring.offer;

import com.crmscoring.scoring.score.ScoreStatus;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The offers for one customer, best first, each with its reason. Offers the customer is not
 * eligible for, or already has (bought from the family lately), are not listed, unless every
 * eligible family was bought lately: then those come back as replenishment offers.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NextBestOffers(String customerId, ScoreStatus status, List<OfferScore> offers, String model, String modelVersion,
                             String asOf) {

    /**
     * @param score            the blend of the model's probability and the rule confidence
     * @param modelProbability the propensity model's probability for the offer's family
     * @param ruleConfidence   the confidence of the strongest rule that applies, or 0
     * @param replenishment    true for a family bought lately, offered because every eligible family was
     */
    public record OfferScore(String offerId, String name, double score, double modelProbability, double ruleConfidence,
                             String reason, boolean replenishment) {
    }
}
