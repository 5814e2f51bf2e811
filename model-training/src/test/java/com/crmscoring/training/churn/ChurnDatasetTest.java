package com.crmscoring.training.churn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.crmscoring.shared.domain.Order;
import com.crmscoring.shared.domain.OrderLine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ChurnDatasetTest {

    private static final Instant CUTOFF = Instant.parse("2011-06-01T00:00:00Z");
    private static final Instant WINDOW_END = CUTOFF.plus(ChurnDataset.HORIZON);   // 2011-08-30T00:00Z

    private int sequence;

    private Order purchase(String customer, Instant at, String country, String stockCode, int quantity, double price) {
        return new Order("o" + (++sequence), customer, at, country, false, List.of(new OrderLine(stockCode, "item", quantity, price)));
    }

    private Order purchase(String customer, Instant at) {
        return purchase(customer, at, "United Kingdom", "A", 2, 5.0);
    }

    private Order cancellation(String customer, Instant at, String country) {
        return new Order("C" + (++sequence), customer, at, country, true, List.of(new OrderLine("A", "item", -1, 5.0)));
    }

    private Order cancellation(String customer, Instant at) {
        return cancellation(customer, at, "United Kingdom");
    }

    private static Instant day(String isoDate) {
        return Instant.parse(isoDate + "T12:00:00Z");
    }

    /** Someone who only buys late in the data, so that the label window is fully observed. */
    private Order dataEnd() {
        return purchase("zz-late-only", Instant.parse("2011-08-29T15:00:00Z"));
    }

    private static Map<String, ChurnDataset.Row> byCustomer(List<ChurnDataset.Row> rows) {
        return rows.stream().collect(Collectors.toMap(r -> r.profile().customerId(), Function.identity()));
    }

    @Test
    void label_isNoNonCancelledOrderInTheNinetyDaysFromTheCutoff() {
        List<Order> orders = List.of(
                purchase("returns", day("2011-03-01")),
                purchase("returns", day("2011-07-01")),
                purchase("silent", day("2011-02-01")),
                purchase("returns-after-window", day("2011-04-01")),
                purchase("returns-after-window", WINDOW_END),
                purchase("returns-at-cutoff", day("2011-04-01")),
                purchase("returns-at-cutoff", CUTOFF),
                purchase("returns-on-last-moment", day("2011-04-01")),
                purchase("returns-on-last-moment", WINDOW_END.minusMillis(1)),
                dataEnd());

        Map<String, ChurnDataset.Row> rows = byCustomer(ChurnDataset.build(orders, CUTOFF));

        assertFalse(rows.get("returns").churned());
        assertTrue(rows.get("silent").churned());
        assertTrue(rows.get("returns-after-window").churned(), "the window is [cutoff, cutoff + 90d): its end is excluded");
        assertFalse(rows.get("returns-at-cutoff").churned(), "the window includes the cut-off itself");
        assertFalse(rows.get("returns-on-last-moment").churned());
    }

    @Test
    void cancellationInsideTheWindow_isNotBuyingAgain() {
        List<Order> orders = List.of(
                purchase("cancels", day("2011-04-01")),
                cancellation("cancels", day("2011-06-15")),
                dataEnd());

        ChurnDataset.Row row = byCustomer(ChurnDataset.build(orders, CUTOFF)).get("cancels");

        assertTrue(row.churned());
    }

    @Test
    void customersWithoutAPurchaseBeforeTheCutoff_areNotRows() {
        List<Order> orders = List.of(
                purchase("customer", day("2011-01-10")),
                purchase("newcomer", day("2011-07-01")),
                purchase("newcomer-at-cutoff", CUTOFF),
                cancellation("only-cancelled", day("2011-05-01")),
                dataEnd());

        List<ChurnDataset.Row> rows = ChurnDataset.build(orders, CUTOFF);

        assertEquals(List.of("customer"), rows.stream().map(r -> r.profile().customerId()).toList());
    }

    @Test
    void ordersFromTheCutoffOn_neverChangeTheFeatures() {
        List<Order> past = new ArrayList<>(List.of(
                purchase("a", day("2010-12-05"), "France", "A", 3, 4.0),
                purchase("a", day("2011-03-20"), "France", "B", 1, 30.0),
                cancellation("a", day("2011-05-02"), "France"),
                purchase("b", day("2011-05-30"), "United Kingdom", "C", 10, 1.5),
                dataEnd()));
        List<Order> withFuture = new ArrayList<>(past);
        // Different country, new products, large amounts, a cancellation: anything leaking would show.
        withFuture.add(purchase("a", CUTOFF, "Germany", "Z", 100, 99.0));
        withFuture.add(purchase("a", day("2011-06-20"), "Germany", "Y", 50, 10.0));
        withFuture.add(cancellation("b", day("2011-06-02")));
        withFuture.add(purchase("b", day("2011-10-01"), "Spain", "X", 7, 3.0));

        Map<String, ChurnDataset.Row> without = byCustomer(ChurnDataset.build(past, CUTOFF));
        Map<String, ChurnDataset.Row> with = byCustomer(ChurnDataset.build(withFuture, CUTOFF));

        assertEquals(without.keySet(), with.keySet());
        for (String id : List.of("a", "b")) {
            // Record equality compares every aggregate (NaN equal to NaN), first and last order dates included.
            assertEquals(without.get(id).profile().aggregates(), with.get(id).profile().aggregates(), "aggregates of " + id);
            assertEquals(without.get(id).profile().country(), with.get(id).profile().country(), "country of " + id);
            assertEquals(CUTOFF, with.get(id).profile().asOf());
        }
        assertEquals("France", with.get("a").profile().country(), "the country of the last order before the cut-off");
        assertEquals(2, with.get("a").profile().aggregates().ordersTotal());
        // The future orders only move the label.
        assertTrue(without.get("a").churned());
        assertFalse(with.get("a").churned());
        assertTrue(with.get("b").churned(), "a cancellation and an order after the window are not buying again");
    }

    @Test
    void features_useOnlyOrdersBeforeTheCutoff() {
        List<Order> orders = List.of(
                purchase("a", day("2011-05-22"), "France", "A", 2, 10.0),
                purchase("a", day("2011-07-01"), "France", "B", 1, 500.0),
                dataEnd());

        ChurnDataset.Row row = byCustomer(ChurnDataset.build(orders, CUTOFF)).get("a");

        assertEquals(1, row.profile().aggregates().ordersTotal());
        assertEquals(20.0, row.profile().aggregates().spendTotal(), 1e-9);
        assertEquals(9.5, row.profile().aggregates().recencyDays(), 1e-9);
    }

    @Test
    void build_refusesACutoffWhoseLabelWindowIsNotFullyObserved() {
        List<Order> orders = List.of(purchase("a", day("2011-03-01")), dataEnd());
        // The data runs to the end of 2011-08-29, which is exactly CUTOFF + 90 days.
        Instant oneSecondLater = CUTOFF.plusSeconds(1);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ChurnDataset.build(orders, oneSecondLater));
        assertTrue(e.getMessage().contains("label window"), e.getMessage());

        assertEquals(1, ChurnDataset.build(orders, CUTOFF).size(), "a window that ends where the data ends is complete");
        assertThrows(IllegalArgumentException.class, () -> ChurnDataset.build(orders, CUTOFF.plus(Duration.ofDays(30))));
    }

    @Test
    void observationEnd_isMidnightAfterTheLastOrder() {
        List<Order> orders = List.of(purchase("a", day("2011-03-01")), dataEnd());
        assertEquals(Instant.parse("2011-08-30T00:00:00Z"), ChurnDataset.observationEnd(orders));
        assertNotEquals(ChurnDataset.observationEnd(orders), Instant.parse("2011-08-29T15:00:00Z"));
    }

    @Test
    void labelsAndSources_followTheRowOrder() {
        List<Order> orders = List.of(
                purchase("a", day("2011-03-01")),
                purchase("b", day("2011-03-01")),
                purchase("b", day("2011-07-01")),
                dataEnd());

        List<ChurnDataset.Row> rows = ChurnDataset.build(orders, CUTOFF);
        boolean[] y = ChurnDataset.labels(rows);

        assertEquals(2, rows.size());
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(rows.get(i).churned(), y[i]);
            assertEquals(rows.get(i).profile(), ChurnDataset.sources(rows).get(i).profile());
        }
    }
}
