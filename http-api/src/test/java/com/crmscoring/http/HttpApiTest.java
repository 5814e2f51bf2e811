package com.crmscoring.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.isOneOf;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.crmscoring.scoring.fraud.FraudScorer;
import com.crmscoring.scoring.fraud.OrderRequests;
import com.crmscoring.scoring.overview.BatchScorer;
import com.crmscoring.testkit.DynamoDbLocalResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * The web shop's API through the Lambda path: each request goes to Quarkus's mock event server,
 * becomes an API Gateway HTTP API (payload 2.0) event, and is answered by the function's poll
 * loop, with profiles read from DynamoDB Local.
 */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalResource.class)
class HttpApiTest {

    private static final String LINE = "{\"stockCode\":\"22613\",\"description\":\"PACK OF 20 SPACEBOY NAPKINS\",\"quantity\":12,\"unitPrice\":0.85}";

    private static String order(String customerId, String lines) {
        return "{\"customerId\":\"" + customerId + "\",\"order\":{\"orderId\":\"T-1\",\"orderedAt\":\"2011-12-09T12:50:00Z\","
                + "\"country\":\"United Kingdom\",\"lines\":" + lines + "}}";
    }

    @Test
    void allScoresOfARealCustomer() {
        assumeTrue(DynamoDbLocalResource.realDataPresent(), "the public Online Retail data is absent");
        given().when().post("/customers/12347/scores")
                .then().statusCode(200)
                .contentType("application/json")
                .body("customerId", is("12347"))
                .body("churn.status", is("SCORED"))
                .body("churn.churnProbability", notNullValue())
                .body("churn.model", is("churn"))
                .body("churn.reasons.size()", not(is(0)))
                .body("segment.segmentName", notNullValue())
                .body("lifetimeValue.expectedSpend", notNullValue())
                .body("lifetimeValue.expectedPurchases", notNullValue())
                .body("lifetimeValue.probabilityAlive", notNullValue())
                .body("nextBestOffers.offers", notNullValue());
    }

    @Test
    void eachScoreOnItsOwnRoute() {
        given().when().post("/customers/" + DynamoDbLocalResource.REGULAR + "/churn")
                .then().statusCode(200).body("status", is("SCORED")).body("riskBand", isOneOf("low", "medium", "high"));
        given().when().post("/customers/" + DynamoDbLocalResource.REGULAR + "/segment")
                .then().statusCode(200).body("lifecycleStage", notNullValue());
        given().when().post("/customers/" + DynamoDbLocalResource.REGULAR + "/lifetime-value")
                .then().statusCode(200).body("horizonDays", notNullValue());
        given().when().post("/customers/" + DynamoDbLocalResource.REGULAR + "/offers")
                .then().statusCode(200).body("offers", notNullValue());
    }

    @Test
    void anOptedOutCustomerGetsAnAnswerButNoPersonalScore() {
        given().when().post("/customers/" + DynamoDbLocalResource.OPTED_OUT + "/scores")
                .then().statusCode(200)
                .body("churn.status", is("OPTED_OUT"))
                .body("churn.churnProbability", nullValue())
                .body("segment.status", is("OPTED_OUT"))
                .body("segment.segmentId", nullValue())
                .body("lifetimeValue.expectedSpend", nullValue())
                .body("nextBestOffers.offers", nullValue());
    }

    @Test
    void anUnknownCustomerIs404AndABadIdIs400() {
        given().when().post("/customers/NO-SUCH-CUSTOMER/scores")
                .then().statusCode(404)
                .body("error", is("CUSTOMER_NOT_FOUND"))
                .body("message", not(org.hamcrest.Matchers.containsString("NO-SUCH-CUSTOMER")));
        given().when().post("/customers/" + "x".repeat(65) + "/churn")
                .then().statusCode(400)
                .body("error", is("INVALID_REQUEST"))
                .body("field", is("customerId"));
        given().when().post("/customers/a%20b/churn")
                .then().statusCode(400)
                .body("field", is("customerId"));
    }

    @Test
    void aFraudCheckDecides() {
        given().contentType("application/json").body(order(DynamoDbLocalResource.REGULAR, "[" + LINE + "]"))
                .when().post("/orders/fraud-check")
                .then().statusCode(200)
                .body("decision", isOneOf("APPROVE", "REVIEW", "DECLINE"))
                .body("knownCustomer", is(true))
                .body("model", is("fraud-anomaly"));
        // Screening runs for an opted-out customer too, and for one without a profile.
        given().contentType("application/json").body(order(DynamoDbLocalResource.OPTED_OUT, "[" + LINE + "]"))
                .when().post("/orders/fraud-check")
                .then().statusCode(200).body("knownCustomer", is(true));
        given().contentType("application/json").body(order("NEW-CUSTOMER", "[" + LINE + "]"))
                .when().post("/orders/fraud-check")
                .then().statusCode(200).body("knownCustomer", is(false));
    }

    @Test
    void badOrdersAre400WithTheFieldNamed() {
        expect400(order("12347", "[{\"stockCode\":\"A\",\"quantity\":1,\"unitPrice\":-1.0}]"), "INVALID_REQUEST",
                "order.lines[0].unitPrice");
        expect400(order("12347", "[{\"stockCode\":\"A\",\"quantity\":0,\"unitPrice\":1.0}]"), "INVALID_REQUEST",
                "order.lines[0].quantity");
        // A string is not a number, not even one that spells a number: no coercion.
        expect400(order("12347", "[{\"stockCode\":\"A\",\"quantity\":1,\"unitPrice\":\"NaN\"}]"), "MALFORMED_JSON",
                "order.lines[0].unitPrice");
        expect400(order("12347", "[]"), "INVALID_REQUEST", "order.lines");
        expect400("{\"customerId\":\"12347\"}", "INVALID_REQUEST", "order");
        expect400(order("12347", "[{\"stockCode\":\"A\",\"quantity\":\"many\",\"unitPrice\":1.0}]"), "MALFORMED_JSON",
                "order.lines[0].quantity");
        expect400("{\"customerId\":\"12347\",\"order\":", "MALFORMED_JSON", null);
        expect400("not json at all", "MALFORMED_JSON", null);
    }

    private static void expect400(String body, String error, String field) {
        given().contentType("application/json").body(body)
                .when().post("/orders/fraud-check")
                .then().statusCode(400)
                .body("error", is(error))
                .body("field", is(field));
    }

    @Test
    void tooManyLinesOrIdsAre413() {
        StringBuilder lines = new StringBuilder("[");
        for (int i = 0; i <= OrderRequests.MAX_LINES; i++) {
            lines.append(i == 0 ? "" : ",").append(LINE);
        }
        given().contentType("application/json").body(order("12347", lines.append("]").toString()))
                .when().post("/orders/fraud-check")
                .then().statusCode(413)
                .body("error", is("REQUEST_TOO_LARGE"))
                .body("field", is("order.lines"))
                .body("limit", is(OrderRequests.MAX_LINES));
        StringBuilder ids = new StringBuilder("[");
        for (int i = 0; i <= BatchScorer.MAX_CUSTOMERS; i++) {
            ids.append(i == 0 ? "" : ",").append('"').append(i).append('"');
        }
        given().contentType("application/json").body("{\"customerIds\":" + ids + "]}")
                .when().post("/campaigns/scores")
                .then().statusCode(413)
                .body("field", is("customerIds"))
                .body("limit", is(BatchScorer.MAX_CUSTOMERS));
    }

    @Test
    void aCampaignBatchReportsEachId() {
        given().contentType("application/json")
                .body("{\"customerIds\":[\"" + DynamoDbLocalResource.REGULAR + "\",\"bad id!\",\"NO-SUCH-CUSTOMER\",\""
                        + DynamoDbLocalResource.OPTED_OUT + "\"]}")
                .when().post("/campaigns/scores")
                .then().statusCode(200)
                .body("scored", is(2))
                .body("invalid", is(1))
                .body("notFound", is(1))
                .body("results.status", is(java.util.List.of("SCORED", "INVALID_ID", "NOT_FOUND", "SCORED")))
                // A marketer ranks the batch by P(alive): it is on every scored entry that is not opted out.
                .body("results[0].scores.lifetimeValue.probabilityAlive", notNullValue())
                .body("results[3].scores.churn.status", is("OPTED_OUT"));
        given().contentType("application/json").body("{\"customerIds\":[]}")
                .when().post("/campaigns/scores")
                .then().statusCode(400).body("field", is("customerIds"));
        given().contentType("application/json").body("{\"customerIds\":\"12347\"}")
                .when().post("/campaigns/scores")
                .then().statusCode(400).body("error", is("MALFORMED_JSON")).body("field", is("customerIds"));
    }

    @Test
    void routingErrorsAreStructuredToo() {
        given().when().post("/customers/12347/horoscope")
                .then().statusCode(404).body("error", is("NOT_FOUND"));
        given().when().get("/customers/12347/scores")
                .then().statusCode(405).body("error", is("METHOD_NOT_ALLOWED"));
        given().contentType("text/plain").body("12347")
                .when().post("/orders/fraud-check")
                .then().statusCode(415).body("error", is("UNSUPPORTED_MEDIA_TYPE"));
    }

    /** SnapStart's before-checkpoint priming, run once the API is up, as it is before a snapshot. */
    @Test
    void theRequestPathPrimingGoesThroughTheLambdaHandler() {
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(200, 404), ModelWarmup.primeRequestPath());
    }

    @Test
    void errorsNeverEchoTheCustomerId() {
        given().contentType("application/json").body("{\"customerIds\":[\"SECRET-ID\"],\"extra\":}")
                .when().post("/campaigns/scores")
                .then().statusCode(400)
                .body("message", not(org.hamcrest.Matchers.containsString("SECRET-ID")));
        String body = given().when().post("/customers/SECRET-ID/churn").then().statusCode(404).extract().asString();
        org.junit.jupiter.api.Assertions.assertFalse(body.contains("SECRET-ID"), body);
    }

    /** Regression (issue 15): an instant beyond the range of a date was a 500 with a stack trace. */
    @Test
    void anOrderDateBeyondAnyCalendarIsA400() {
        String body = "{\"customerId\":\"12347\",\"order\":{\"orderId\":\"T-1\",\"orderedAt\":\"+1000000000-12-31T23:59:59Z\","
                + "\"lines\":[" + LINE + "]}}";
        String answer = given().contentType("application/json").body(body)
                .when().post("/orders/fraud-check")
                .then().statusCode(400).body("error", is("INVALID_REQUEST")).body("field", is("order.orderedAt"))
                .extract().asString();
        org.junit.jupiter.api.Assertions.assertFalse(answer.contains("java."), answer);
    }

    /** Regression (issue 15): a key given twice was a 500 with an empty body. */
    @Test
    void aKeyGivenTwiceIsA400() {
        String valid = order("12347", "[" + LINE + "]");
        String twice = "{\"customerId\":\"12347\",\"order\":{}," + valid.substring(valid.indexOf("\"order\""));
        given().contentType("application/json").body(twice)
                .when().post("/orders/fraud-check")
                .then().statusCode(400).body("error", is("MALFORMED_JSON"));
    }

    /** Regression (issue 15): a 10 KB id hung the campaign batch; it is an INVALID_ID entry, not echoed. */
    @Test
    void aHugeIdInABatchIsReportedWithoutEchoingIt() {
        String huge = "X".repeat(10_240);
        String answer = given().contentType("application/json").body("{\"customerIds\":[\"" + huge + "\",\""
                        + DynamoDbLocalResource.REGULAR + "\"]}")
                .when().post("/campaigns/scores")
                .then().statusCode(200)
                .body("results[0].status", is("INVALID_ID"))
                .body("results[0].index", is(0))
                .body("results[0].customerId", nullValue())
                .body("results[1].index", is(1))
                .extract().asString();
        org.junit.jupiter.api.Assertions.assertFalse(answer.contains("XXXXXXXXXX"), "the id is not echoed");
    }

    /** No coercion: a string is not a number, a number is not an id, 1.5 is not a quantity. */
    @Test
    void valuesOfTheWrongJsonTypeAreRefusedNotConverted() {
        for (String line : java.util.List.of(
                "{\"stockCode\":\"A\",\"quantity\":\"12\",\"unitPrice\":1}",
                "{\"stockCode\":\"A\",\"quantity\":1.5,\"unitPrice\":1}",
                "{\"stockCode\":\"A\",\"quantity\":1,\"unitPrice\":\"2.55\"}",
                "{\"stockCode\":\"A\",\"quantity\":1,\"unitPrice\":1e-400}",
                "{\"stockCode\":\"A\",\"quantity\":1,\"unitPrice\":9223372036854775808}")) {
            given().contentType("application/json").body(order("12347", "[" + line + "]"))
                    .when().post("/orders/fraud-check")
                    .then().statusCode(400);
        }
        given().contentType("application/json").body(order("12347", "[" + LINE + "]").replace("\"12347\"", "12347"))
                .when().post("/orders/fraud-check")
                .then().statusCode(400).body("field", is("customerId"));
        given().contentType("application/json").body(order("12347", "[" + LINE + "]"))
                .when().post("/orders/fraud-check")
                .then().statusCode(200);
    }
}
