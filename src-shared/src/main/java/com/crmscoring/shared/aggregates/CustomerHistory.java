package com.crmscoring.shared.aggregates;

import com.crmscoring.shared.domain.Order;
import com.crmscoring.shared.domain.OrderLine;
import com.crmscoring.shared.offers.Offer;
import com.crmscoring.shared.offers.OfferCatalogue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a customer's orders leave behind that every behaviour feature needs, at any instant after
 * the latest of them: all-time totals, which no later instant changes, and the orders of the
 * year before the latest one, which are all that any window (30, 90, 365 days, and the 90 before
 * the last 90) can still reach. From it {@link #aggregatesAt} computes {@link BehaviourAggregates}
 * for the instant asked, so a stored profile is scored as of the request, not frozen at its last
 * order. It is the one implementation: {@link OrderAggregator} builds one from the orders before
 * a training cut-off and asks it for that cut-off.
 *
 * <p>Orders are applied one at a time, keyed by order id: applying an order twice, or orders in
 * any order, gives the same state (sums up to float rounding). Not thread-safe; a writer applies
 * to its own copy and stores it conditionally.
 *
 * <p>Size: the ids of all applied orders and the stock codes ever bought are kept (for
 * idempotency and distinct products), plus 17 bytes per order of the last year. {@link
 * HistoryCodec} writes it compressed; a customer with 10,000 orders in one year fits well inside a
 * DynamoDB item (tested).
 */
public final class CustomerHistory {

    /** The longest lookback of any feature: 365-day windows; the trend's 90 before the last 90 is shorter. */
    public static final Duration LOOKBACK = Duration.ofDays(365);
    private static final double SECONDS_PER_DAY = 86_400.0;
    private static final double MILLIS_PER_DAY = 86_400_000.0;

    /** One order of the last year, as compactly as the windows need it. */
    public record Recent(Instant at, double amount, boolean cancellation) {
    }

    final Set<String> orderIds;
    final Set<String> stockCodes;
    int purchases;
    int cancellations;
    double totalLines;
    /** Net of cancellations. */
    double spendTotal;
    /** Positive. */
    double cancelledValue;
    Instant firstPurchaseAt;
    Instant lastPurchaseAt;
    /** The latest order of any kind: features can be computed for any instant after it. */
    Instant lastEventAt;
    String country;
    Instant countryAt;
    /** Spend on purchase lines, all and per offer family, and each family's latest purchase. */
    double lineSpend;
    final Map<String, Double> familySpend;
    final Map<String, Instant> familyLast;
    final List<Recent> recent;

    public CustomerHistory() {
        this(new TreeSet<>(), new TreeSet<>(), new TreeMap<>(), new TreeMap<>(), new ArrayList<>());
    }

    CustomerHistory(Set<String> orderIds, Set<String> stockCodes, Map<String, Double> familySpend,
                    Map<String, Instant> familyLast, List<Recent> recent) {
        this.orderIds = orderIds;
        this.stockCodes = stockCodes;
        this.familySpend = familySpend;
        this.familyLast = familyLast;
        this.recent = recent;
        this.country = "";
    }

    /**
     * The history of the orders placed strictly before {@code before} (all of them when null),
     * applied purchases first, each kind in time order, so that sums add up in the same order
     * wherever a history is built from a whole order list.
     */
    public static CustomerHistory of(Collection<Order> orders, Instant before, OfferCatalogue catalogue) {
        List<Order> used = new ArrayList<>();
        for (Order o : orders) {
            if (before == null || o.orderedAt().isBefore(before)) {
                used.add(o);
            }
        }
        used.sort(Comparator.comparing(Order::cancellation).thenComparing(Order::orderedAt).thenComparing(Order::orderId));
        CustomerHistory h = new CustomerHistory();
        for (Order o : used) {
            h.apply(o, catalogue);
        }
        return h;
    }

    /**
     * Adds one order. An order id already applied changes nothing.
     *
     * @param catalogue the offer families, or null to track none
     * @return false when the order had already been applied
     */
    public boolean apply(Order order, OfferCatalogue catalogue) {
        if (!orderIds.add(order.orderId())) {
            return false;
        }
        Instant at = order.orderedAt();
        double amount = order.amount();
        if (order.cancellation()) {
            cancellations++;
            cancelledValue -= amount;
        } else {
            purchases++;
            totalLines += order.lines().size();
            for (OrderLine line : order.lines()) {
                stockCodes.add(line.stockCode());
                lineSpend += line.amount();
                if (catalogue != null) {
                    catalogue.familyOf(line.description()).ifPresent(offer -> {
                        familySpend.merge(offer.id(), line.amount(), Double::sum);
                        familyLast.merge(offer.id(), at, (a, b) -> a.isAfter(b) ? a : b);
                    });
                }
            }
            firstPurchaseAt = firstPurchaseAt == null || at.isBefore(firstPurchaseAt) ? at : firstPurchaseAt;
            lastPurchaseAt = lastPurchaseAt == null || at.isAfter(lastPurchaseAt) ? at : lastPurchaseAt;
        }
        spendTotal += amount;
        if (countryAt == null || at.isAfter(countryAt)) {
            country = order.country();
            countryAt = at;
        }
        if (lastEventAt == null || at.isAfter(lastEventAt)) {
            lastEventAt = at;
        }
        Instant horizon = lastEventAt.minus(LOOKBACK);
        if (!at.isBefore(horizon)) {
            recent.add(new Recent(at, amount, order.cancellation()));
        }
        // Orders that no window can reach any more, whatever instant is asked later.
        recent.removeIf(r -> r.at().isBefore(horizon));
        return true;
    }

    /** Whether an order has been applied. */
    public boolean contains(String orderId) {
        return orderIds.contains(orderId);
    }

    /** The latest order of any kind, or null before the first. */
    public Instant lastEventAt() {
        return lastEventAt;
    }

    /** Country of the latest order, "" before the first. */
    public String country() {
        return country;
    }

    /** Orders applied, purchases and cancellations. */
    public int orderCount() {
        return orderIds.size();
    }

    /**
     * Whether features may be computed at {@code asOf}: only after the latest order, so that no
     * order is silently left out of a window it belongs to. Features see only orders before it.
     */
    public boolean canDescribe(Instant asOf) {
        return lastEventAt == null || asOf.isAfter(lastEventAt);
    }

    /**
     * The behaviour features at {@code asOf}, exactly as {@link OrderAggregator} defines them.
     *
     * @throws IllegalArgumentException when {@code asOf} is not after the latest order
     */
    public BehaviourAggregates aggregatesAt(Instant asOf) {
        if (!canDescribe(asOf)) {
            throw new IllegalArgumentException("asOf " + asOf + " is not after the latest recorded order");
        }
        List<Recent> ordered = new ArrayList<>(recent);
        ordered.sort(Comparator.comparing(Recent::cancellation).thenComparing(Recent::at));
        int[] counts = new int[3];
        double[] spend = new double[3];
        int previous90Orders = 0;
        double previous90Spend = 0;
        for (Recent r : ordered) {
            double days = days(r.at(), asOf);
            int[] windows = {30, 90, 365};
            for (int i = 0; i < windows.length; i++) {
                if (days < windows[i]) {
                    counts[i] += r.cancellation() ? 0 : 1;
                    spend[i] += r.amount();
                }
            }
            if (days >= 90 && days < 180) {
                previous90Orders += r.cancellation() ? 0 : 1;
                previous90Spend += r.amount();
            }
        }
        int n = purchases;
        int c = cancellations;
        return new BehaviourAggregates(
                asOf, firstPurchaseAt, lastPurchaseAt,
                lastPurchaseAt == null ? Double.NaN : days(lastPurchaseAt, asOf),
                firstPurchaseAt == null ? Double.NaN : days(firstPurchaseAt, asOf),
                counts[0], counts[1], counts[2], n,
                spend[0], spend[1], spend[2], spendTotal,
                n == 0 ? Double.NaN : spendTotal / n,
                n == 0 ? Double.NaN : totalLines / n,
                stockCodes.size(),
                n < 2 ? Double.NaN : days(firstPurchaseAt, lastPurchaseAt) / (n - 1),
                trend(spend[1], previous90Spend),
                trend(counts[1], previous90Orders),
                c,
                n + c == 0 ? Double.NaN : (double) c / (n + c),
                cancelledValue);
    }

    /**
     * Each offer family's share of the customer's purchase spend and the days since they last
     * bought from it, at {@code asOf}: the next-best-offer attributes ({@code FamilyAggregates}).
     */
    public Map<String, Double> familyAttributesAt(OfferCatalogue catalogue, Instant asOf) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Offer offer : catalogue.offers()) {
            out.put(offer.shareAttribute(), lineSpend > 0 ? familySpend.getOrDefault(offer.id(), 0.0) / lineSpend : 0.0);
            Instant last = familyLast.get(offer.id());
            if (last != null) {
                out.put(offer.daysSinceAttribute(), Duration.between(last, asOf).toMillis() / MILLIS_PER_DAY);
            }
        }
        return out;
    }

    /** Relative change of the recent period against the one before, bounded to [-1, 1]. */
    private static double trend(double recent, double before) {
        double sum = Math.abs(recent) + Math.abs(before);
        if (sum == 0) {
            return Double.NaN;
        }
        return Math.max(-1, Math.min(1, (recent - before) / sum));
    }

    private static double days(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0 / SECONDS_PER_DAY;
    }
}
