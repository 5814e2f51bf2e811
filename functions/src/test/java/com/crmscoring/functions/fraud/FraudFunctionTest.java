package com.crmscoring.functions.fraud;

import com.crmscoring.scoring.fraud.FraudScorer;
import com.crmscoring.scoring.fraud.OrderRequests;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.in;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import com.crmscoring.testkit.DynamoDbLocalResource;
import com.crmscoring.functions.Events;
import com.crmscoring.functions.ExportProfiles;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(ExportProfiles.Fraud.class)
@QuarkusTestResource(DynamoDbLocalResource.class)
class FraudFunctionTest {

    private static final List<String> DECISIONS = List.of("APPROVE", "REVIEW", "DECLINE");

    private static String order(String customerId, String linesJson) {
        return "{\"customerId\":\"" + customerId + "\",\"order\":{\"orderId\":\"T-1\",\"orderedAt\":\"2011-12-09T10:15:00Z\","
                + "\"country\":\"United Kingdom\",\"lines\":" + linesJson + "}}";
    }

    private static final String ONE_LINE = "[{\"stockCode\":\"85123A\",\"description\":\"WHITE HANGING HEART\",\"quantity\":6,\"unitPrice\":2.55}]";

    @Test
    void theEventFile_isScreenedWithADecisionAndReasons() {
        given().contentType("application/json").body(Events.read("fraud.json"))
                .when().post()
                .then().statusCode(200)
                .body("orderId", is("WEB-2011-12-10-0001"))
                .body("decision", in(DECISIONS))
                .body("anomalyScore", notNullValue())
                .body("reasons.size()", is(3))
                .body("model", is("fraud-anomaly"));
    }

    @Test
    void anOptedOutCustomersOrderIsStillScreened() {
        given().contentType("application/json").body(order(DynamoDbLocalResource.OPTED_OUT, ONE_LINE))
                .when().post()
                .then().statusCode(200)
                .body("decision", in(DECISIONS))
                .body("knownCustomer", is(true));
    }

    @Test
    void aNewCustomerIsScreenedAsAFirstOrder() {
        given().contentType("application/json").body(order("NEW-CUSTOMER-1", ONE_LINE))
                .when().post()
                .then().statusCode(200)
                .body("knownCustomer", is(false))
                .body("decision", in(DECISIONS));
    }

    @Test
    void badOrdersAreRefusedNamingTheField() {
        expectInvalid(order("12347", "[]"), "order.lines: must hold at least one line");
        expectInvalid(order("12347", "[{\"stockCode\":\"A\",\"quantity\":-3,\"unitPrice\":1.0}]"),
                "order.lines[0].quantity: must be a whole number from 1 to " + OrderRequests.MAX_QUANTITY);
        expectInvalid(order("12347", "[{\"stockCode\":\"A\",\"quantity\":1,\"unitPrice\":-1.0}]"),
                "order.lines[0].unitPrice: must be a number from 0 to 100000 with at most 4 decimals");
        expectInvalid(order("12347", "[{\"stockCode\":\"A\",\"quantity\":1,\"unitPrice\":100000.01}]"),
                "order.lines[0].unitPrice: must be a number from 0 to 100000 with at most 4 decimals");
        // Regression (issue 15): an instant beyond the range of a date reached the date arithmetic.
        expectInvalid("{\"customerId\":\"12347\",\"order\":{\"orderId\":\"T-1\",\"orderedAt\":\"+1000000000-12-31T23:59:59Z\","
                + "\"lines\":" + ONE_LINE + "}}", "order.orderedAt: must be between 2000-01-01T00:00:00Z and now (plus 5 minutes of clock skew)");
        expectInvalid(order("12347", "[{\"quantity\":1,\"unitPrice\":1.0}]"), "order.lines[0].stockCode: is required");
        expectInvalid("{\"customerId\":\"12347\"}", "order: is required");
        expectInvalid("{\"customerId\":\"12347\",\"order\":{\"orderId\":\"T-1\",\"orderedAt\":\"yesterday\",\"lines\":" + ONE_LINE + "}}",
                "order.orderedAt: must be an ISO-8601 instant such as 2011-12-09T12:50:00Z");
        StringBuilder many = new StringBuilder("[");
        for (int i = 0; i <= OrderRequests.MAX_LINES; i++) {
            many.append(i == 0 ? "" : ",").append("{\"stockCode\":\"A\",\"quantity\":1,\"unitPrice\":1.0}");
        }
        given().contentType("application/json").body(order("12347", many.append("]").toString()))
                .when().post()
                .then().statusCode(500)
                .body("errorMessage", is(Events.TOO_LARGE + ": order.lines: must hold at most " + OrderRequests.MAX_LINES
                        + ", has " + (OrderRequests.MAX_LINES + 1)));
    }

    /** The same strict reading as the HTTP API: no coercion, no key twice; the value is not echoed. */
    @Test
    void valuesOfTheWrongJsonTypeAreRefusedWithoutEchoingThem() {
        for (String body : List.of(
                order("12347", "[{\"stockCode\":\"A\",\"quantity\":1,\"unitPrice\":\"NaN-SECRET\"}]"),
                order("12347", "[{\"stockCode\":\"A\",\"quantity\":1.5,\"unitPrice\":1}]"),
                "{\"customerId\":\"SECRET-1\",\"order\":{}," + order("12347", ONE_LINE).substring(order("12347", ONE_LINE).indexOf("\"order\"")))) {
            String answer = given().contentType("application/json").body(body)
                    .when().post()
                    .then().statusCode(500)
                    .body("errorType", org.hamcrest.Matchers.not(is("java.lang.NullPointerException")))
                    .extract().asString();
            org.junit.jupiter.api.Assertions.assertFalse(answer.contains("SECRET"), answer);
        }
        given().contentType("application/json").body(order("12347", ONE_LINE)).when().post().then().statusCode(200);
    }

    private static void expectInvalid(String body, String message) {
        given().contentType("application/json").body(body)
                .when().post()
                .then().statusCode(500)
                .body("errorType", is(Events.FUNQY_APPLICATION_ERROR))
                .body("errorMessage", is(Events.INVALID + ": " + message));
    }
}
