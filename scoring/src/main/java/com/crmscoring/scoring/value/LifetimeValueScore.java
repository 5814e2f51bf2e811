package com.crmscoring.scoring.value;

import com.crmscoring.scoring.score.Reason;
import com.crmscoring.scoring.score.ScoreStatus;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A customer's value over the next {@code horizonDays}, at the request's instant.
 *
 * @param expectedSpend     expected net spend, in the shop's currency: the served model's forecast
 * @param expectedPurchases expected purchases (invoices), from the BG/NBD-family model carried in the same
 *                          file (the MBG/NBD variant for the bundled shop: the training card says which)
 * @param probabilityAlive  that model's probability that the customer has not silently left, from their own
 *                          rhythm: high for one who buys every month and was here last week, low for the
 *                          same customer after a silence of many of their usual gaps. With the MBG/NBD a
 *                          one-time buyer lapses too; with the original BG/NBD they would stay at 1
 * @param reasons           the attributes that moved {@code expectedSpend} most: each impact is how much
 *                          lower (or higher) the forecast would be, in currency, if that attribute were a
 *                          typical customer's. The {@code bgnbd.*} attributes are the BG/NBD forecast the
 *                          model also reads: "bgnbd.probabilityAlive raises 120" means a customer with a
 *                          typical P(alive) would be forecast 120 less
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LifetimeValueScore(String customerId, ScoreStatus status, Double expectedSpend, Double expectedPurchases,
                                 Double probabilityAlive, Integer horizonDays, List<Reason> reasons,
                                 List<String> defaultsApplied, String model, String modelVersion, String asOf) {
}
