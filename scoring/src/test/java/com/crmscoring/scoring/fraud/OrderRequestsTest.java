package com.crmscoring.scoring.fraud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.crmscoring.scoring.config.StrictJson;
import com.crmscoring.scoring.score.InvalidRequestException;
import com.crmscoring.scoring.score.JsonRequests;
import com.crmscoring.scoring.score.RequestTooLargeException;
import com.crmscoring.scoring.score.TimeBounds;
import com.crmscoring.shared.domain.Order;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The one order parser and the one JSON policy at each documented bound: the value on the bound
 * is taken, the value just past it is refused with the field named and the value not repeated.
 */
class OrderRequestsTest {

    private static final Instant NOW = Instant.parse("2011-12-10T00:00:00Z");
    private final OrderRequests orders = new OrderRequests(Clock.fixed(NOW, ZoneOffset.UTC));
    private static final ObjectMapper STRICT = StrictJson.configure(new ObjectMapper());

    private static FraudRequest.LineRequest line(Integer quantity, String unitPrice) {
        return new FraudRequest.LineRequest("85123A", "WHITE HANGING HEART", quantity, unitPrice == null ? null : new BigDecimal(unitPrice));
    }

    private static FraudRequest.OrderRequest order(String orderedAt, List<FraudRequest.LineRequest> lines) {
        return new FraudRequest.OrderRequest("WEB-1", orderedAt, "Iceland", lines);
    }

    private InvalidRequestException refused(String orderedAt, FraudRequest.LineRequest line) {
        return assertThrows(InvalidRequestException.class, () -> orders.toOrder("12347", order(orderedAt, List.of(line))));
    }

    @Test
    void valuesOnTheBoundsAreTaken() {
        Order o = orders.toOrder("12347", order(NOW.plus(TimeBounds.MAX_CLOCK_SKEW).toString(),
                List.of(line(1, "0"), line(OrderRequests.MAX_QUANTITY, "100000"), line(2, "2.5501"))));
        assertEquals(3, o.lines().size());
        assertEquals(2.5501, o.lines().get(2).unitPrice(), 0.0);
        orders.toOrder("12347", order(TimeBounds.EARLIEST.toString(), List.of(line(1, "1"))));
    }

    @Test
    void quantitiesOutOfBoundsAreRefused() {
        for (Integer q : new Integer[] {null, 0, -1, OrderRequests.MAX_QUANTITY + 1}) {
            assertEquals("order.lines[0].quantity", refused("2011-12-09T10:00:00Z", line(q, "1")).field());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"-0.01", "100000.01", "1.00001", "9223372036854775808", "1.8e19", "1e-400"})
    void pricesOutOfBoundsAreRefused(String price) {
        InvalidRequestException e = refused("2011-12-09T10:00:00Z", line(1, price));
        assertEquals("order.lines[0].unitPrice", e.field());
        assertFalse(e.getMessage().contains(price), "the value is not repeated");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+1000000000-12-31T23:59:59Z", "+99999-01-01T00:00:00Z", "0000-01-01T00:00:00Z",
            "1999-12-31T23:59:59Z", "2011-12-10T00:05:01Z", "2041-01-01T00:00:00Z", "2011-12-09T10:00:00", "yesterday"})
    void instantsOutOfBoundsOrNotInstantsAreRefused(String orderedAt) {
        assertEquals("order.orderedAt", refused(orderedAt, line(1, "1")).field());
    }

    @Test
    void linesAreBoundedBothWays() {
        assertEquals("order.lines", assertThrows(InvalidRequestException.class,
                () -> orders.toOrder("12347", order("2011-12-09T10:00:00Z", List.of()))).field());
        List<FraudRequest.LineRequest> tooMany = Collections.nCopies(OrderRequests.MAX_LINES + 1, line(1, "1"));
        assertThrows(RequestTooLargeException.class, () -> orders.toOrder("12347", order("2011-12-09T10:00:00Z", tooMany)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"caf\ufffd", "a\ud800b", "a\u0000b", "tab\there"})
    void textThatLostItsUtf8OrHoldsControlCharactersIsRefused(String country) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> orders.toOrder("12347",
                new FraudRequest.OrderRequest("WEB-1", "2011-12-09T10:00:00Z", country, List.of(line(1, "1")))));
        assertEquals("order.country", e.field());
        // A pair of surrogates is one valid character, not an error.
        orders.toOrder("12347", new FraudRequest.OrderRequest("WEB-1", "2011-12-09T10:00:00Z", "\ud83d\ude00", List.of(line(1, "1"))));
    }

    /** Found by FunctionsFuzzIT: the stream handler took stored orders under ids no other entry point accepts. */
    @ParameterizedTest
    @ValueSource(strings = {"SECRET MARK!", " 12347", "12347 ", "a/b", ""})
    void aStoredOrderIsHeldToTheSameIdsAsARequest(String customerId) {
        Order stored = new Order("WEB-1", customerId, Instant.parse("2011-12-09T10:00:00Z"), "Iceland", false,
                List.of(new com.crmscoring.shared.domain.OrderLine("85123A", "HEART", 1, 2.55)));
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> orders.checkStored(stored));
        assertEquals("customerId", e.field());
        assertFalse(e.getMessage().contains("SECRET"));
        Order valid = new Order("WEB-1", "12347", stored.orderedAt(), "Iceland", false, stored.lines());
        assertEquals(valid, orders.checkStored(valid));
        Order badOrderId = new Order("WEB 1", "12347", stored.orderedAt(), "Iceland", false, stored.lines());
        assertEquals("order.orderId", assertThrows(InvalidRequestException.class, () -> orders.checkStored(badOrderId)).field());
        Order noLines = new Order("WEB-1", "12347", stored.orderedAt(), "Iceland", false, List.of());
        assertEquals("order.lines", assertThrows(InvalidRequestException.class, () -> orders.checkStored(noLines)).field());
    }

    /** What StrictJson refuses, each told by field and type without quoting the value. */
    @ParameterizedTest
    @ValueSource(strings = {
        "{\"customerId\":\"12347\",\"order\":{},\"order\":{\"orderId\":\"A\"}}",
        "{\"customerId\":12347}",
        "{\"customerId\":\"12347\",\"order\":{\"lines\":[{\"quantity\":\"12\"}]}}",
        "{\"customerId\":\"12347\",\"order\":{\"lines\":[{\"quantity\":1.5}]}}",
        "{\"customerId\":\"12347\",\"order\":{\"lines\":[{\"unitPrice\":\"2.55\"}]}}",
        "{\"customerId\":\"12347\"} {\"customerId\":\"SECRET\"}"})
    void strictJsonRefusesCoercionDuplicatesAndTrailingValues(String body) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> {
            try {
                STRICT.readValue(body, FraudRequest.class);
            } catch (JsonProcessingException j) {
                throw JsonRequests.invalid(j);
            }
        });
        assertFalse(e.getMessage().contains("12347") || e.getMessage().contains("SECRET"), e.getMessage());
    }
}
