package com.crmscoring.scoring.fraud;

import com.crmscoring.scoring.score.Reason;
import java.util.List;

/**
 * The screening of one order.
 *
 * @param decision       {@code APPROVE}, {@code REVIEW} or {@code DECLINE}
 * @param anomalyScore   how far outside the shop's usual orders this one is (higher = more unusual)
 * @param reviewAbove    the review threshold applied
 * @param declineAbove   the decline threshold applied
 * @param knownCustomer  false when the customer has no profile: screened as a first order
 * @param reasons        the order features that raised or lowered the anomaly score most
 */
public record FraudScore(String customerId, String orderId, String decision, double anomalyScore, double reviewAbove,
                         double declineAbove, boolean knownCustomer, List<Reason> reasons, String model, String modelVersion) {

    public static final String APPROVE = "APPROVE";
    public static final String REVIEW = "REVIEW";
    public static final String DECLINE = "DECLINE";
}
