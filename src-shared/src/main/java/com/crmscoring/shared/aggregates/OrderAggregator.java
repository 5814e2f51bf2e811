package com.crmscoring.shared.aggregates;

import com.crmscoring.shared.domain.Order;
import com.crmscoring.shared.domain.OrderLine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a customer's order history into {@link BehaviourAggregates}. The one implementation of
 * recency, frequency and monetary value in this project: training builds its features with it,
 * and the order-event function updates stored profiles with it.
 *
 * <p>Only orders placed strictly before {@code asOf} are read, so a feature computed for a
 * training cut-off can never see the period its label comes from.
 */
public final class OrderAggregator {

    private static final double SECONDS_PER_DAY = 86_400.0;

    /**
     * @param asOf   the moment the aggregates describe; later orders are ignored
     * @param orders every order of one customer, in any order
     */
    public BehaviourAggregates aggregate(Instant asOf, Collection<Order> orders) {
        List<Order> purchases = new ArrayList<>();
        List<Order> cancellations = new ArrayList<>();
        for (Order order : orders) {
            if (!order.orderedAt().isBefore(asOf)) {
                continue;
            }
            (order.cancellation() ? cancellations : purchases).add(order);
        }
        purchases.sort(Comparator.comparing(Order::orderedAt));

        Instant first = purchases.isEmpty() ? null : purchases.getFirst().orderedAt();
        Instant last = purchases.isEmpty() ? null : purchases.getLast().orderedAt();

        int[] counts = new int[4];          // 30, 90, 365 days, total
        double[] spend = new double[4];
        int previous90Orders = 0;
        double previous90Spend = 0;
        double totalLines = 0;
        Set<String> products = new HashSet<>();
        for (Order order : purchases) {
            double days = daysBetween(order.orderedAt(), asOf);
            double amount = order.amount();
            addToWindows(counts, spend, days, amount, 1);
            if (days >= 90 && days < 180) {
                previous90Orders++;
                previous90Spend += amount;
            }
            totalLines += order.lines().size();
            for (OrderLine line : order.lines()) {
                products.add(line.stockCode());
            }
        }
        double cancelledValue = 0;
        for (Order order : cancellations) {
            double days = daysBetween(order.orderedAt(), asOf);
            double amount = order.amount();   // negative
            addToWindows(counts, spend, days, amount, 0);
            if (days >= 90 && days < 180) {
                previous90Spend += amount;
            }
            cancelledValue -= amount;
        }

        int n = purchases.size();
        int c = cancellations.size();
        return new BehaviourAggregates(
                asOf, first, last,
                last == null ? Double.NaN : daysBetween(last, asOf),
                first == null ? Double.NaN : daysBetween(first, asOf),
                counts[0], counts[1], counts[2], counts[3],
                spend[0], spend[1], spend[2], spend[3],
                n == 0 ? Double.NaN : spend[3] / n,
                n == 0 ? Double.NaN : totalLines / n,
                products.size(),
                n < 2 ? Double.NaN : daysBetween(first, last) / (n - 1),
                trend(spend[1], previous90Spend),
                trend(counts[1], previous90Orders),
                c,
                n + c == 0 ? Double.NaN : (double) c / (n + c),
                cancelledValue);
    }

    private static void addToWindows(int[] counts, double[] spend, double days, double amount, int count) {
        int[] windows = {30, 90, 365};
        for (int i = 0; i < windows.length; i++) {
            if (days < windows[i]) {
                counts[i] += count;
                spend[i] += amount;
            }
        }
        counts[3] += count;
        spend[3] += amount;
    }

    /** Relative change of the recent period against the one before, bounded to [-1, 1]. */
    private static double trend(double recent, double before) {
        double sum = Math.abs(recent) + Math.abs(before);
        if (sum == 0) {
            return Double.NaN;
        }
        return Math.max(-1, Math.min(1, (recent - before) / sum));
    }

    private static double daysBetween(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0 / SECONDS_PER_DAY;
    }
}
