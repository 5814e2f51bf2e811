package com.crmscoring.storage.profile;

import com.crmscoring.shared.aggregates.CustomerHistory;
import com.crmscoring.shared.domain.CustomerProfile;
import java.util.Map;

/**
 * What the order handler writes to a profile item, and all it writes: the history, a snapshot of
 * the aggregates and offer-family attributes after the latest order, its scores and the latest
 * order's screening. The customer's consent is not in it: that has its own writer.
 *
 * @param snapshot          the aggregates after the latest order (its opt-out flag is not written)
 * @param familyAttributes  the offer-family attributes at the same instant
 * @param scores            the scores at the same instant, or null to remove stored scores (a
 *                          customer who objected to profiling has none)
 * @param screening         the order's fraud screening, or null to leave the stored one as it is
 */
public record ProfileUpdate(String customerId, CustomerHistory history, CustomerProfile snapshot,
                            Map<String, Double> familyAttributes, StoredScores scores, OrderScreening screening) {

    /**
     * The scores kept on the item for analytics and the shop's back office; scoring never reads
     * them back (it computes for the instant asked).
     */
    public record StoredScores(double churnProbability, String riskBand, String segment, String lifecycleStage,
                               double expectedSpend90, String asOf, Map<String, String> modelVersions) {
    }

    /** An order's fraud screening, for the shop's review queue. */
    public record OrderScreening(String orderId, String decision, double anomalyScore, String model) {
    }
}
