package com.crmscoring.shared.orders;

import com.crmscoring.shared.aggregates.BehaviourAggregates;
import com.crmscoring.shared.aggregates.OrderAggregator;
import com.crmscoring.shared.aggregates.ProfileBuilder;
import com.crmscoring.shared.domain.CustomerProfile;
import com.crmscoring.shared.domain.Order;
import com.crmscoring.shared.domain.OrderLine;
import com.crmscoring.shared.features.FeatureField;
import com.crmscoring.shared.features.FeatureSource;
import com.crmscoring.shared.features.NumericTransform;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The fraud features of one order, read against the customer's profile from before it: what the
 * order looks like (amount, quantities, prices, hour) and how far it is from the customer's
 * usual (basket size, country, velocity, account age). Training computes the profile as of the
 * order's time from the order history; the order-event function passes the stored profile.
 *
 * @param order  the order to screen
 * @param before the customer's profile from before the order (a prospect profile for a first order)
 * @param zone   the shop's time zone, for the hour of day
 */
public record OrderFeatureSource(Order order, CustomerProfile before, ZoneId zone) implements FeatureSource {

    /**
     * Each purchase order of one customer placed in {@code [from, to)}, against the customer's
     * profile from just before it, built from their other orders: the fraud model's training
     * population (every order) and the drift job's (the orders of a recent window), by one code.
     * Cancellations are left out: a cancellation is not a payment to screen.
     *
     * @param orders all the customer's orders, in any order
     * @param from   the earliest order time included, or null for no bound
     * @param to     the order time excluded from, or null for no bound
     */
    public static List<OrderFeatureSource> screened(String customerId, Collection<Order> orders, Instant from, Instant to,
                                                    ZoneId zone) {
        List<Order> history = new ArrayList<>(orders);
        history.sort(Comparator.comparing(Order::orderedAt).thenComparing(Order::orderId));
        ProfileBuilder builder = new ProfileBuilder(new OrderAggregator());
        List<OrderFeatureSource> out = new ArrayList<>();
        for (Order o : history) {
            if (!o.cancellation() && (from == null || !o.orderedAt().isBefore(from)) && (to == null || o.orderedAt().isBefore(to))) {
                out.add(new OrderFeatureSource(o, builder.build(customerId, history, o.orderedAt(), false), zone));
            }
        }
        return out;
    }

    /** The attributes a fraud model reads, with their encodings. */
    public static List<FeatureField> fields() {
        return List.of(
                FeatureField.numeric("orderAmount", NumericTransform.SIGNED_LOG1P),
                FeatureField.numeric("amountVsUsualBasket", NumericTransform.NONE),
                FeatureField.numeric("lineCount", NumericTransform.SIGNED_LOG1P),
                FeatureField.numeric("totalQuantity", NumericTransform.SIGNED_LOG1P),
                FeatureField.numeric("maxLineQuantity", NumericTransform.SIGNED_LOG1P),
                FeatureField.numeric("maxUnitPrice", NumericTransform.SIGNED_LOG1P),
                FeatureField.numeric("hourOfDay", NumericTransform.NONE),
                FeatureField.numeric("accountAgeDays", NumericTransform.SIGNED_LOG1P),
                FeatureField.numeric("daysSinceLastOrder", NumericTransform.SIGNED_LOG1P),
                FeatureField.numeric("ordersLast30Days", NumericTransform.SIGNED_LOG1P),
                FeatureField.numeric("customerCancellationRate", NumericTransform.NONE),
                FeatureField.bool("newCountry"),
                FeatureField.bool("nightOrder"),
                FeatureField.bool("firstOrder"));
    }

    @Override
    public Object value(String attribute) {
        BehaviourAggregates a = before.aggregates();
        return switch (attribute) {
            case "orderAmount" -> order.amount();
            case "amountVsUsualBasket" -> a.isProspect() || Double.isNaN(a.avgBasketValue()) ? null
                    : Math.log1p(Math.max(0, order.amount())) - Math.log1p(Math.max(0, a.avgBasketValue()));
            case "lineCount" -> (double) order.lines().size();
            case "totalQuantity" -> (double) order.lines().stream().mapToInt(OrderLine::quantity).sum();
            case "maxLineQuantity" -> (double) order.lines().stream().mapToInt(OrderLine::quantity).max().orElse(0);
            case "maxUnitPrice" -> order.lines().stream().mapToDouble(OrderLine::unitPrice).max().orElse(0);
            case "hourOfDay" -> (double) hour();
            case "nightOrder" -> hour() < 6 || hour() >= 22;
            case "accountAgeDays" -> days(a.firstOrderAt());
            case "daysSinceLastOrder" -> days(a.lastOrderAt());
            case "ordersLast30Days" -> (double) a.orders30();
            case "customerCancellationRate" -> Double.isNaN(a.cancellationRate()) ? null : a.cancellationRate();
            case "newCountry" -> a.isProspect() || before.country().isEmpty() ? null : !before.country().equals(order.country());
            case "firstOrder" -> a.isProspect();
            default -> null;
        };
    }

    private int hour() {
        return order.orderedAt().atZone(zone).getHour();
    }

    /** Days from {@code then} to the order, or null when there is no such moment. */
    private Double days(Instant then) {
        return then == null ? null : Duration.between(then, order.orderedAt()).toMillis() / 86_400_000.0;
    }
}
