package com.crmscoring.functions.privacy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.crmscoring.functions.ExportProfiles;
import com.crmscoring.scoring.config.ScoringFactory;
import com.crmscoring.scoring.orders.OrderEventProcessor;
import com.crmscoring.shared.domain.CustomerAttributes;
import com.crmscoring.shared.domain.Order;
import com.crmscoring.shared.domain.OrderLine;
import com.crmscoring.storage.profile.ProfileItemAttributes;
import com.crmscoring.storage.profile.ProfileItemMapper;
import com.crmscoring.storage.profile.ProfileStore;
import com.crmscoring.testkit.DynamoDbLocalResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Consent and erasure through the packaged function's Funqy entry, against DynamoDB Local: each is
 * idempotent, consent survives order events, and an erased customer's late orders do not bring
 * their data back. The tests' clock stands at 2011-12-10T00:00:00Z.
 */
@QuarkusTest
@TestProfile(ExportProfiles.Privacy.class)
@QuarkusTestResource(DynamoDbLocalResource.class)
class PrivacyFunctionTest {

    private static final String NOW = "2011-12-10T00:00:00Z";

    @Inject
    OrderEventProcessor orders;

    @Inject
    ScoringFactory scoring;

    @Inject
    ProfileStore profiles;

    private static Map<String, AttributeValue> item(String customer) {
        try (DynamoDbClient dynamo = DynamoDbLocalResource.current().client()) {
            return dynamo.getItem(b -> b.tableName(DynamoDbLocalResource.TABLES.profiles()).consistentRead(true)
                    .key(Map.of(CustomerAttributes.CUSTOMER_ID, AttributeValue.fromS(customer)))).item();
        }
    }

    private static Order order(String customer, String id, String at) {
        return new Order(id, customer, Instant.parse(at), "France", false,
                List.of(new OrderLine("22423", "REGENCY CAKESTAND 3 TIER", 2, 12.75)));
    }

    private static io.restassured.response.ValidatableResponse call(String customer, String action) {
        return given().contentType("application/json")
                .body("{\"customerId\":\"" + customer + "\",\"action\":\"" + action + "\"}")
                .when().post().then();
    }

    @Test
    void anObjectionIsRecordedWithItsTime_idempotently_andSurvivesTheNextOrder() {
        String customer = "PRIVACY-OBJECTS";
        orders.process(order(customer, "P1", "2011-11-01T10:00:00Z"));
        assertNotNull(item(customer).get(ProfileItemAttributes.SCORES));

        call(customer, "OBJECT_TO_PROFILING").statusCode(200).body("action", is("OBJECT_TO_PROFILING")).body("at", is(NOW));
        call(customer, "OBJECT_TO_PROFILING").statusCode(200);
        orders.process(order(customer, "P2", "2011-11-20T10:00:00Z"));

        Map<String, AttributeValue> item = item(customer);
        assertTrue(item.get(CustomerAttributes.PROFILING_OPT_OUT).bool());
        assertEquals(NOW, item.get(ProfileItemAttributes.PROFILING_OPT_OUT_AT).s());
        assertNull(item.get(ProfileItemAttributes.SCORES), "no scores are stored for a customer who objected");
        // What is kept, and why: the order history, for fraud screening of their next orders.
        assertEquals(2, ProfileItemMapper.history(item).orElseThrow().orderCount());

        call(customer, "WITHDRAW_OBJECTION").statusCode(200).body("action", is("WITHDRAW_OBJECTION"));
        assertFalse(item(customer).get(CustomerAttributes.PROFILING_OPT_OUT).bool());
        assertNull(item(customer).get(ProfileItemAttributes.PROFILING_OPT_OUT_AT));
    }

    @Test
    void anObjectionBeforeTheFirstOrder_isHonouredFromThatOrderOn() {
        String customer = "PRIVACY-EARLY";
        call(customer, "OBJECT_TO_PROFILING").statusCode(200);
        orders.process(order(customer, "E1", "2011-11-01T10:00:00Z"));
        Map<String, AttributeValue> item = item(customer);
        assertTrue(item.get(CustomerAttributes.PROFILING_OPT_OUT).bool());
        assertNull(item.get(ProfileItemAttributes.SCORES));
        assertEquals(1, ProfileItemMapper.history(item).orElseThrow().orderCount());
    }

    @Test
    void erasureDeletesOrdersAndProfile_idempotently_andLateOrdersDoNotBringThemBack() {
        String customer = "PRIVACY-ERASED";
        for (String id : List.of("X1", "X2", "X3")) {
            Order o = order(customer, id, "2011-11-0" + id.charAt(1) + "T10:00:00Z");
            scoring.orders().putOrder(o);
            orders.process(o);
        }
        call(customer, "ERASE").statusCode(200).body("action", is("ERASE")).body("ordersErased", is(3));
        call(customer, "ERASE").statusCode(200).body("ordersErased", is(0));

        assertEquals(List.of(), scoring.orders().ordersOf(customer));
        assertTrue(profiles.find(customer).isEmpty(), "nothing left to score");
        assertEquals(Map.of(CustomerAttributes.CUSTOMER_ID, AttributeValue.fromS(customer),
                ProfileItemAttributes.ERASED_AT, AttributeValue.fromS(NOW), ProfileItemAttributes.VERSION, item(customer).get(ProfileItemAttributes.VERSION)),
                item(customer), "only the marker is left: the id and the time of erasure");

        // An order from before the erasure, delivered again: refused by the queue entry, ignored by the handler.
        Order late = order(customer, "X2", "2011-11-02T10:00:00Z");
        assertFalse(orders.storeAndProcess(late).profileChanged());
        assertEquals(List.of(), scoring.orders().ordersOf(customer), "not stored again");
        assertFalse(orders.process(late).profileChanged());
        assertTrue(profiles.find(customer).isEmpty());

        // A new order after the erasure is a new relationship: a new profile with that order alone.
        orders.process(order(customer, "N1", "2011-12-11T10:00:00Z"));
        Map<String, AttributeValue> again = item(customer);
        assertNull(again.get(ProfileItemAttributes.ERASED_AT));
        assertEquals(1, ProfileItemMapper.history(again).orElseThrow().orderCount());
    }

    @Test
    void badRequestsNameTheField() {
        call("12347", "FORGET_ME").statusCode(500).body("errorMessage",
                startsWith("com.crmscoring.scoring.score.InvalidRequestException: action: must be one of"));
        call("bad id!", "ERASE").statusCode(500).body("errorMessage",
                startsWith("com.crmscoring.scoring.score.InvalidRequestException: customerId:"));
    }
}
