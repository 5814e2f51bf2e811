package com.crmscoring.shared.aggregates;

import java.time.Instant;
import java.util.Objects;

/**
 * A customer's buying behaviour as of one moment, computed by {@link OrderAggregator} from the
 * orders placed strictly before {@code asOf}. Windows ({@code 30}, {@code 90}, {@code 365}) are
 * in days before {@code asOf}. Money is net of cancellations, in the shop's currency.
 *
 * <p>A value that does not exist for this customer (no second order, so no gap between orders)
 * is {@code NaN}, never a made-up zero: the feature specification decides what a model sees
 * for a missing value.
 *
 * @param firstOrderAt   first purchase, or null for a prospect without orders
 * @param lastOrderAt    last purchase, or null for a prospect without orders
 * @param recencyDays    days from the last purchase to {@code asOf}
 * @param tenureDays     days from the first purchase to {@code asOf}
 * @param orders30       purchases (not cancellations) in the last 30 days; likewise 90, 365, total
 * @param spend30        net spend in the last 30 days; likewise 90, 365, total
 * @param avgBasketValue mean value of a purchase
 * @param avgLinesPerOrder mean number of lines on a purchase
 * @param distinctProducts distinct stock codes ever bought
 * @param meanDaysBetweenOrders mean gap between purchases (needs two)
 * @param spendTrend90   (spend in the last 90 days - spend in the 90 before) / (their sum), in [-1, 1]
 * @param orderTrend90   the same for the number of purchases
 * @param cancellations  number of cancellation invoices
 * @param cancellationRate cancellations / (purchases + cancellations)
 * @param cancelledValue value of what was cancelled, as a positive amount
 */
public record BehaviourAggregates(
        Instant asOf,
        Instant firstOrderAt,
        Instant lastOrderAt,
        double recencyDays,
        double tenureDays,
        int orders30,
        int orders90,
        int orders365,
        int ordersTotal,
        double spend30,
        double spend90,
        double spend365,
        double spendTotal,
        double avgBasketValue,
        double avgLinesPerOrder,
        int distinctProducts,
        double meanDaysBetweenOrders,
        double spendTrend90,
        double orderTrend90,
        int cancellations,
        double cancellationRate,
        double cancelledValue) {

    public BehaviourAggregates {
        Objects.requireNonNull(asOf, "asOf");
    }

    /** True for a customer who has never bought: the "acquisition" stage of the life cycle. */
    public boolean isProspect() {
        return ordersTotal == 0;
    }
}
