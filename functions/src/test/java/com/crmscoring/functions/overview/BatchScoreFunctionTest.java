package com.crmscoring.functions.overview;

import com.crmscoring.scoring.overview.BatchScorer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.crmscoring.testkit.DynamoDbLocalResource;
import com.crmscoring.functions.Events;
import com.crmscoring.functions.ExportProfiles;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(ExportProfiles.BatchScore.class)
@QuarkusTestResource(DynamoDbLocalResource.class)
class BatchScoreFunctionTest {

    @Test
    void theEventFile_scoresFoundCustomersAndReportsTheMissingOnePerId() {
        assumeTrue(DynamoDbLocalResource.realDataPresent(), "the public Online Retail data is absent");
        given().contentType("application/json").body(Events.read("batchScore.json"))
                .when().post()
                .then().statusCode(200)
                .body("scored", is(3))
                .body("notFound", is(1))
                .body("results[0].customerId", is("12347"))
                .body("results[0].scores.churn.status", is("SCORED"))
                .body("results[3].status", is("NOT_FOUND"));
    }

    @Test
    void aMalformedIdFailsOnlyItsOwnEntry() {
        given().contentType("application/json")
                .body("{\"customerIds\":[\"" + DynamoDbLocalResource.REGULAR + "\",\"bad id!\",\"" + DynamoDbLocalResource.OPTED_OUT + "\"]}")
                .when().post()
                .then().statusCode(200)
                .body("scored", is(2))
                .body("invalid", is(1))
                .body("results[1].status", is("INVALID_ID"))
                .body("results[2].scores.churn.status", is("OPTED_OUT"));
    }

    @Test
    void anOversizedBatchIsRefused() {
        StringBuilder ids = new StringBuilder("[");
        for (int i = 0; i <= BatchScorer.MAX_CUSTOMERS; i++) {
            ids.append(i == 0 ? "" : ",").append('"').append(i).append('"');
        }
        given().contentType("application/json").body("{\"customerIds\":" + ids + "]}")
                .when().post()
                .then().statusCode(500)
                .body("errorType", is(Events.FUNQY_APPLICATION_ERROR))
                .body("errorMessage", is(Events.TOO_LARGE + ": customerIds: must hold at most 100, has 101"));
    }
}
