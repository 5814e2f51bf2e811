package com.crmscoring.shared.aggregates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.crmscoring.shared.domain.Order;
import com.crmscoring.shared.domain.OrderLine;
import com.crmscoring.shared.domain.Orders;
import com.crmscoring.shared.offers.OfferCatalogue;
import com.crmscoring.shared.retail.OnlineRetailReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The stored history must give every feature at every instant after the latest order exactly as
 * the whole order list does: checked on every customer of the real Online Retail data at
 * profiles of every age, against {@link Oracle}, a plain re-statement of the definitions.
 */
class CustomerHistoryTest {

    private static final OfferCatalogue CATALOGUE = OfferCatalogue.loadDefault();
    /** From a day after the last order to two years later: fresh, recent, lapsing, gone. */
    private static final Duration[] AGES = {Duration.ofSeconds(1), Duration.ofDays(1), Duration.ofDays(29),
            Duration.ofDays(45), Duration.ofDays(95), Duration.ofDays(179), Duration.ofDays(200), Duration.ofDays(366),
            Duration.ofDays(800)};

    @Test
    void everyCustomerOfTheRealData_atEveryAge_matchesTheDefinitions() throws IOException {
        Path data = Path.of(System.getProperty("crm.data.dir", "../../shared/data"), "online-retail.csv.gz");
        assumeTrue(Files.exists(data), "the public Online Retail data is absent: " + data.toAbsolutePath());
        Map<String, List<Order>> byCustomer = Orders.byCustomer(new OnlineRetailReader().read(data).orders());
        int checked = 0;
        for (Map.Entry<String, List<Order>> e : byCustomer.entrySet()) {
            List<Order> orders = e.getValue();
            // Built from the list, stored and read back, as a profile item holds it.
            CustomerHistory stored = HistoryCodec.decode(HistoryCodec.encode(CustomerHistory.of(orders, null, CATALOGUE)));
            Instant last = orders.stream().map(Order::orderedAt).max(Instant::compareTo).orElseThrow();
            for (Duration age : AGES) {
                Instant at = last.plus(age);
                assertSame(Oracle.aggregate(at, orders), stored.aggregatesAt(at), e.getKey() + " at last order + " + age);
                assertSameValues(Oracle.family(at, orders), stored.familyAttributesAt(CATALOGUE, at), e.getKey() + " families");
                checked++;
            }
        }
        assertEquals(4_372 * AGES.length, checked);
    }

    @Test
    void ordersAppliedTwiceAndOutOfOrder_giveTheSameState() {
        List<Order> orders = orders(300, new Random(5));
        CustomerHistory inOrder = CustomerHistory.of(orders, null, CATALOGUE);
        List<Order> shuffled = new ArrayList<>(orders);
        shuffled.addAll(orders.subList(0, 100));   // at-least-once: some delivered twice
        Collections.shuffle(shuffled, new Random(9));
        CustomerHistory applied = new CustomerHistory();
        int fresh = 0;
        for (Order o : shuffled) {
            fresh += applied.apply(o, CATALOGUE) ? 1 : 0;
        }
        assertEquals(300, fresh, "each order counted once");
        Instant at = applied.lastEventAt().plus(Duration.ofDays(40));
        assertSame(inOrder.aggregatesAt(at), applied.aggregatesAt(at), "sums may differ only by rounding");
        assertFalse(applied.apply(orders.get(0), CATALOGUE));
    }

    @Test
    void instantsNotAfterTheLatestOrder_areRefused() {
        CustomerHistory h = CustomerHistory.of(orders(5, new Random(1)), null, CATALOGUE);
        assertThrows(IllegalArgumentException.class, () -> h.aggregatesAt(h.lastEventAt()));
        assertThrows(IllegalArgumentException.class, () -> h.aggregatesAt(h.lastEventAt().minusSeconds(60)));
        assertTrue(h.canDescribe(h.lastEventAt().plusMillis(1)));
    }

    /** Issue #10: a customer with 10,000 orders in a year must still fit in one DynamoDB item (400 KB). */
    @Test
    void tenThousandOrdersInAYear_fitInADynamoDbItem() {
        List<Order> orders = orders(10_000, new Random(3));
        byte[] encoded = HistoryCodec.encode(CustomerHistory.of(orders, null, CATALOGUE));
        assertTrue(encoded.length < 300_000, "encoded history of 10,000 orders: " + encoded.length + " bytes");
        CustomerHistory back = HistoryCodec.decode(encoded);
        assertEquals(10_000, back.orderCount());
    }

    @Test
    void anotherFormat_isRefused() {
        byte[] encoded = HistoryCodec.encode(new CustomerHistory());
        assertThrows(IllegalArgumentException.class, () -> HistoryCodec.decode(new byte[] {1, 2, 3}));
        assertEquals(0, HistoryCodec.decode(encoded).orderCount());
    }

    /** Orders over one year, 8-character ids, up to 2,000 distinct products, a tenth of them cancellations. */
    private static List<Order> orders(int n, Random random) {
        Instant start = Instant.parse("2011-01-01T00:00:00Z");
        List<Order> out = new ArrayList<>();
        String[] descriptions = {"CHRISTMAS TREE DECORATION", "PARTY BUNTING", "LUNCH BAG RED", "CANDLE HOLDER", "MUG"};
        for (int i = 0; i < n; i++) {
            boolean cancellation = random.nextInt(10) == 0;
            List<OrderLine> lines = new ArrayList<>();
            for (int l = 0, k = 1 + random.nextInt(4); l < k; l++) {
                lines.add(new OrderLine("P" + random.nextInt(2_000), descriptions[random.nextInt(descriptions.length)],
                        (cancellation ? -1 : 1) * (1 + random.nextInt(12)), 0.5 + random.nextInt(400) / 20.0));
            }
            out.add(new Order(String.format("%08d", i), "c", start.plusSeconds(random.nextInt(365 * 86_400)), "France",
                    cancellation, lines));
        }
        return out;
    }

    private static void assertSameValues(Map<String, Double> want, Map<String, Double> got, String what) {
        assertEquals(want.keySet(), got.keySet(), what);
        want.forEach((k, v) -> assertTrue(Math.abs(v - got.get(k)) <= 1e-9 * Math.max(1, Math.abs(v)),
                what + ": " + k + " is " + got.get(k) + ", expected " + v));
    }

    private static void assertSame(BehaviourAggregates want, BehaviourAggregates got, String what) {
        assertEquals(want.asOf(), got.asOf(), what);
        assertEquals(want.firstOrderAt(), got.firstOrderAt(), what);
        assertEquals(want.lastOrderAt(), got.lastOrderAt(), what);
        int[] wantCounts = {want.orders30(), want.orders90(), want.orders365(), want.ordersTotal(), want.distinctProducts(),
                want.cancellations()};
        int[] gotCounts = {got.orders30(), got.orders90(), got.orders365(), got.ordersTotal(), got.distinctProducts(),
                got.cancellations()};
        assertEquals(java.util.Arrays.toString(wantCounts), java.util.Arrays.toString(gotCounts), what);
        double[] w = {want.recencyDays(), want.tenureDays(), want.spend30(), want.spend90(), want.spend365(), want.spendTotal(),
                want.avgBasketValue(), want.avgLinesPerOrder(), want.meanDaysBetweenOrders(), want.spendTrend90(),
                want.orderTrend90(), want.cancellationRate(), want.cancelledValue()};
        double[] g = {got.recencyDays(), got.tenureDays(), got.spend30(), got.spend90(), got.spend365(), got.spendTotal(),
                got.avgBasketValue(), got.avgLinesPerOrder(), got.meanDaysBetweenOrders(), got.spendTrend90(),
                got.orderTrend90(), got.cancellationRate(), got.cancelledValue()};
        for (int i = 0; i < w.length; i++) {
            // Sums of the same amounts in another order: equal up to double rounding.
            double tolerance = 1e-9 * Math.max(1, Math.abs(w[i]));
            assertTrue(Double.isNaN(w[i]) ? Double.isNaN(g[i]) : Math.abs(w[i] - g[i]) <= tolerance,
                    what + ": value " + i + " is " + g[i] + ", expected " + w[i]);
        }
    }

    /** The definitions, stated over the whole order list (as the aggregator was first written). */
    static final class Oracle {

        static BehaviourAggregates aggregate(Instant asOf, List<Order> orders) {
            List<Order> purchases = new ArrayList<>();
            List<Order> cancellations = new ArrayList<>();
            for (Order o : orders) {
                if (o.orderedAt().isBefore(asOf)) {
                    (o.cancellation() ? cancellations : purchases).add(o);
                }
            }
            purchases.sort(java.util.Comparator.comparing(Order::orderedAt));
            Instant first = purchases.isEmpty() ? null : purchases.getFirst().orderedAt();
            Instant last = purchases.isEmpty() ? null : purchases.getLast().orderedAt();
            int[] counts = new int[4];
            double[] spend = new double[4];
            int prevOrders = 0;
            double prevSpend = 0;
            double lines = 0;
            java.util.Set<String> products = new java.util.HashSet<>();
            for (Order o : purchases) {
                double d = days(o.orderedAt(), asOf);
                add(counts, spend, d, o.amount(), 1);
                if (d >= 90 && d < 180) {
                    prevOrders++;
                    prevSpend += o.amount();
                }
                lines += o.lines().size();
                o.lines().forEach(l -> products.add(l.stockCode()));
            }
            double cancelled = 0;
            for (Order o : cancellations) {
                double d = days(o.orderedAt(), asOf);
                add(counts, spend, d, o.amount(), 0);
                if (d >= 90 && d < 180) {
                    prevSpend += o.amount();
                }
                cancelled -= o.amount();
            }
            int n = purchases.size();
            int c = cancellations.size();
            return new BehaviourAggregates(asOf, first, last, last == null ? Double.NaN : days(last, asOf),
                    first == null ? Double.NaN : days(first, asOf), counts[0], counts[1], counts[2], counts[3],
                    spend[0], spend[1], spend[2], spend[3], n == 0 ? Double.NaN : spend[3] / n, n == 0 ? Double.NaN : lines / n,
                    products.size(), n < 2 ? Double.NaN : days(first, last) / (n - 1), trend(spend[1], prevSpend),
                    trend(counts[1], prevOrders), c, n + c == 0 ? Double.NaN : (double) c / (n + c), cancelled);
        }

        static Map<String, Double> family(Instant asOf, List<Order> orders) {
            Map<String, Double> spend = new java.util.HashMap<>();
            Map<String, Instant> last = new java.util.HashMap<>();
            double total = 0;
            for (Order o : orders) {
                if (o.cancellation() || !o.orderedAt().isBefore(asOf)) {
                    continue;
                }
                for (OrderLine l : o.lines()) {
                    total += l.amount();
                    CATALOGUE.familyOf(l.description()).ifPresent(f -> {
                        spend.merge(f.id(), l.amount(), Double::sum);
                        last.merge(f.id(), o.orderedAt(), (a, b) -> a.isAfter(b) ? a : b);
                    });
                }
            }
            Map<String, Double> out = new java.util.LinkedHashMap<>();
            for (var offer : CATALOGUE.offers()) {
                double share = total > 0 ? spend.getOrDefault(offer.id(), 0.0) / total : 0.0;
                out.put(offer.shareAttribute(), share);
                Instant at = last.get(offer.id());
                if (at != null) {
                    out.put(offer.daysSinceAttribute(), Duration.between(at, asOf).toMillis() / 86_400_000.0);
                }
            }
            return out;
        }

        private static void add(int[] counts, double[] spend, double days, double amount, int count) {
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

        private static double trend(double recent, double before) {
            double sum = Math.abs(recent) + Math.abs(before);
            return sum == 0 ? Double.NaN : Math.max(-1, Math.min(1, (recent - before) / sum));
        }

        private static double days(Instant from, Instant to) {
            return Duration.between(from, to).toMillis() / 1000.0 / 86_400.0;
        }
    }
}
