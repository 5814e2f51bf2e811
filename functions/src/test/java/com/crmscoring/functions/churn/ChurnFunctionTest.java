package com.crmscoring.functions.churn;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.in;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.crmscoring.testkit.DynamoDbLocalResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The churn function through Quarkus's Lambda mock event server (the Lambda runtime API path of
 * the test mode), against the real DynamoDB Local and the real ONNX model from the build.
 */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalResource.class)
class ChurnFunctionTest {

    /**
     * The Lambda error contract of a direct invoke: Funqy wraps application exceptions, so the
     * errorType is its wrapper and the errorMessage starts with our exception's class name.
     */
    static final String FUNQY_APPLICATION_ERROR = "io.quarkus.funqy.runtime.ApplicationException";
    static final String NOT_FOUND = "com.crmscoring.scoring.score.CustomerNotFoundException";
    static final String INVALID = "com.crmscoring.scoring.score.InvalidRequestException";

    @Test
    void scoresARealCustomer_withBandReasonsAndModelVersion() {
        assumeTrue(DynamoDbLocalResource.realDataPresent(), "the public Online Retail data is absent");
        given().contentType("application/json").body("{\"customerId\":\"12347\"}")
                .when().post()
                .then().statusCode(200)
                .body("customerId", is("12347"))
                .body("status", is("SCORED"))
                .body("churnProbability", allOf(greaterThan(0f), lessThan(1f)))
                .body("riskBand", in(List.of("low", "medium", "high")))
                .body("reasons", hasSize(3))
                .body("reasons.effect", everyItem(in(List.of("raises", "lowers"))))
                .body("defaultsApplied", hasSize(0))
                .body("model", is("churn"))
                .body("modelVersion", notNullValue())
                .body("asOf", is("2011-12-10T00:00:00Z"));
    }

    /** Issue #10: the stored profile is scored for the instant asked, from its order history, with no write in between. */
    @Test
    void theSameStoredProfile_isScoredForTheInstantAsked() {
        String body = "{\"customerId\":\"" + DynamoDbLocalResource.REGULAR + "\",\"asOf\":\"%s\"}";
        float soon = given().contentType("application/json").body(body.formatted("2011-11-21T10:00:00Z"))
                .when().post().then().statusCode(200).body("asOf", is("2011-11-21T10:00:00Z"))
                .extract().path("churnProbability");
        float later = given().contentType("application/json").body(body.formatted("2012-09-01T00:00:00Z"))
                .when().post().then().statusCode(200).body("asOf", is("2012-09-01T00:00:00Z"))
                .extract().path("churnProbability");
        assertTrue(later > soon, "nine more months without an order: " + soon + " -> " + later);
        // Before the customer's latest order (2011-11-20): refused, never computed from a partial history.
        given().contentType("application/json").body(body.formatted("2011-11-01T00:00:00Z"))
                .when().post()
                .then().statusCode(500)
                .body("errorMessage", org.hamcrest.Matchers.startsWith(INVALID + ": asOf: must be after"));
    }

    @Test
    void scoresAFixtureCustomer() {
        given().contentType("application/json").body("{\"customerId\":\"" + DynamoDbLocalResource.REGULAR + "\"}")
                .when().post()
                .then().statusCode(200)
                .body("status", is("SCORED"))
                .body("churnProbability", allOf(greaterThan(0f), lessThan(1f)));
    }

    @Test
    void aProfileMissingAttributes_isScoredWithDocumentedDefaults() {
        given().contentType("application/json").body("{\"customerId\":\"" + DynamoDbLocalResource.SPARSE + "\"}")
                .when().post()
                .then().statusCode(200)
                .body("status", is("SCORED"))
                .body("defaultsApplied", hasItems("tenureDays", "spendTotal", "country"))
                .body("defaultsApplied", everyItem(org.hamcrest.Matchers.not("recencyDays")));
    }

    @Test
    void anOptedOutCustomer_getsNoPersonalScore() {
        given().contentType("application/json").body("{\"customerId\":\"" + DynamoDbLocalResource.OPTED_OUT + "\"}")
                .when().post()
                .then().statusCode(200)
                .body("status", is("OPTED_OUT"))
                .body("churnProbability", nullValue())
                .body("riskBand", nullValue())
                .body("reasons", nullValue());
    }

    @Test
    void unknownCustomer_isNotFound() {
        given().contentType("application/json").body("{\"customerId\":\"99999999\"}")
                .when().post()
                .then().statusCode(500)
                .body("errorType", is(FUNQY_APPLICATION_ERROR))
                .body("errorMessage", is(NOT_FOUND + ": no profile exists for the requested customerId"));
    }

    @Test
    void missingCustomerId_isAnInvalidRequestNamingTheField() {
        given().contentType("application/json").body("{}")
                .when().post()
                .then().statusCode(500)
                .body("errorType", is(FUNQY_APPLICATION_ERROR))
                .body("errorMessage", is(INVALID + ": customerId: is required"));
    }

    @Test
    void malformedCustomerId_isAnInvalidRequest() {
        given().contentType("application/json").body("{\"customerId\":\"12347; DROP TABLE\"}")
                .when().post()
                .then().statusCode(500)
                .body("errorType", is(FUNQY_APPLICATION_ERROR))
                .body("errorMessage", is(INVALID + ": customerId: may contain only letters, digits, '.', '_' and '-'"));
        given().contentType("application/json").body("{\"customerId\":\"" + "9".repeat(65) + "\"}")
                .when().post()
                .then().statusCode(500)
                .body("errorMessage", is(INVALID + ": customerId: must be at most 64 characters, was 65"));
        given().contentType("application/json").body("{\"customerId\":\"   \"}")
                .when().post()
                .then().statusCode(500)
                .body("errorMessage", is(INVALID + ": customerId: must not be blank"));
    }

    @Test
    void wrongJsonTypes_getAStructuredErrorAndTheContainerKeepsServing() {
        given().contentType("application/json").body("{\"customerId\":{\"nested\":true}}")
                .when().post()
                .then().statusCode(500)
                .body("errorType", notNullValue())
                .body("errorMessage", notNullValue());
        given().contentType("application/json").body("not json at all")
                .when().post()
                .then().statusCode(500)
                .body("errorType", notNullValue());
        // The same container still answers.
        scoresAFixtureCustomer();
    }

    @Test
    void theSamLocalInvokeEventFile_isScored() throws java.io.IOException {
        assumeTrue(DynamoDbLocalResource.realDataPresent(), "the public Online Retail data is absent");
        String event = java.nio.file.Files.readString(java.nio.file.Path.of("../events/churn.json"));
        given().contentType("application/json").body(event)
                .when().post()
                .then().statusCode(200)
                .body("status", is("SCORED"))
                .body("customerId", is("12347"));
    }
}
