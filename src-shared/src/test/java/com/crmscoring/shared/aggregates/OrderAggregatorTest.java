package com.crmscoring.shared.aggregates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.crmscoring.shared.domain.Order;
import com.crmscoring.shared.domain.OrderLine;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderAggregatorTest {

    private static final Instant AS_OF = Instant.parse("2011-12-10T00:00:00Z");

    private static Order order(String id, int daysBeforeAsOf, boolean cancellation, OrderLine... lines) {
        return new Order(id, "c1", AS_OF.minus(Duration.ofDays(daysBeforeAsOf)), "United Kingdom", cancellation, List.of(lines));
    }

    private final OrderAggregator aggregator = new OrderAggregator();

    @Test
    void computesRecencyFrequencyMonetaryAndTrend() {
        List<Order> orders = List.of(
                order("o1", 200, false, new OrderLine("A", "a", 10, 2.0)),                 // 20
                order("o2", 100, false, new OrderLine("A", "a", 5, 2.0), new OrderLine("B", "b", 1, 30.0)), // 40
                order("o3", 20, false, new OrderLine("C", "c", 3, 10.0)),                  // 30
                order("o4", 10, true, new OrderLine("C", "c", -1, 10.0)),                  // -10
                order("future", -5, false, new OrderLine("Z", "z", 100, 100.0)));          // after asOf: ignored

        BehaviourAggregates a = aggregator.aggregate(AS_OF, orders);

        assertEquals(20.0, a.recencyDays(), 1e-9);
        assertEquals(200.0, a.tenureDays(), 1e-9);
        assertEquals(1, a.orders30());
        assertEquals(1, a.orders90());
        assertEquals(3, a.orders365());
        assertEquals(3, a.ordersTotal());
        assertEquals(20.0, a.spend30(), 1e-9, "30 bought, 10 cancelled");
        assertEquals(20.0, a.spend90(), 1e-9);
        assertEquals(80.0, a.spendTotal(), 1e-9);
        assertEquals(80.0 / 3, a.avgBasketValue(), 1e-9);
        assertEquals(4.0 / 3, a.avgLinesPerOrder(), 1e-9);
        assertEquals(3, a.distinctProducts(), "the future order's product Z is not seen");
        assertEquals(90.0, a.meanDaysBetweenOrders(), 1e-9, "(200 - 20) / 2 gaps");
        // Last 90 days net 20; the 90 before (day 90..180) 40: (20 - 40) / 60.
        assertEquals(-1.0 / 3, a.spendTrend90(), 1e-9);
        assertEquals(0.0, a.orderTrend90(), 1e-9, "one purchase in each period");
        assertEquals(1, a.cancellations());
        assertEquals(0.25, a.cancellationRate(), 1e-9);
        assertEquals(10.0, a.cancelledValue(), 1e-9);
    }

    @Test
    void aProspectHasMissingValuesNotZeros() {
        BehaviourAggregates a = aggregator.aggregate(AS_OF, List.of());
        assertTrue(a.isProspect());
        assertNull(a.lastOrderAt());
        assertTrue(Double.isNaN(a.recencyDays()));
        assertTrue(Double.isNaN(a.meanDaysBetweenOrders()));
        assertTrue(Double.isNaN(a.spendTrend90()));
        assertEquals(0.0, a.spendTotal());
    }

    @Test
    void anOrderAtExactlyAsOfBelongsToTheFuture() {
        BehaviourAggregates a = aggregator.aggregate(AS_OF, List.of(order("now", 0, false, new OrderLine("A", "a", 1, 1.0))));
        assertTrue(a.isProspect(), "a label window starts at asOf: its first order must not leak into features");
    }
}
