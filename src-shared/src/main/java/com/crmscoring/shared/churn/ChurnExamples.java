package com.crmscoring.shared.churn;

import com.crmscoring.shared.aggregates.OrderAggregator;
import com.crmscoring.shared.aggregates.ProfileBuilder;
import com.crmscoring.shared.domain.CustomerProfile;
import com.crmscoring.shared.domain.Order;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One customer's churn example at a cut-off, defined so that no feature sees the future: their
 * profile from the orders placed strictly before the cut-off, and whether they churned, that is
 * placed no purchase order in the {@link #HORIZON} after it. The one definition, for the trainer
 * on one machine and for the Spark job that builds the same table from a larger history.
 */
public final class ChurnExamples {

    /** Label window after the cut-off. */
    public static final Duration HORIZON = Duration.ofDays(90);

    /**
     * @param churned true when the customer placed no order within the horizon after the cut-off
     */
    public record Example(CustomerProfile profile, boolean churned) {
    }

    private ChurnExamples() {
    }

    /**
     * @param history all the customer's orders, in the order they were read (the aggregates' float
     *                sums follow it)
     * @return the example, or empty when the customer had not bought before the cut-off (nothing to churn from)
     */
    public static Optional<Example> of(String customerId, List<Order> history, Instant cutoff) {
        CustomerProfile profile = new ProfileBuilder(new OrderAggregator()).build(customerId, history, cutoff, false);
        if (profile.aggregates().isProspect()) {
            return Optional.empty();
        }
        Instant windowEnd = cutoff.plus(HORIZON);
        boolean boughtAgain = history.stream().anyMatch(o -> !o.cancellation()
                && !o.orderedAt().isBefore(cutoff) && o.orderedAt().isBefore(windowEnd));
        return Optional.of(new Example(profile, !boughtAgain));
    }
}
