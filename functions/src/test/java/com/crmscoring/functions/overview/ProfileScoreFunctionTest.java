package com.crmscoring.functions.overview;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.crmscoring.testkit.DynamoDbLocalResource;
import com.crmscoring.functions.Events;
import com.crmscoring.functions.ExportProfiles;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(ExportProfiles.ProfileScore.class)
@QuarkusTestResource(DynamoDbLocalResource.class)
class ProfileScoreFunctionTest {

    @Test
    void theEventFile_returnsEveryScoreOfTheCustomer() {
        assumeTrue(DynamoDbLocalResource.realDataPresent(), "the public Online Retail data is absent");
        given().contentType("application/json").body(Events.read("profileScore.json"))
                .when().post()
                .then().statusCode(200)
                .body("customerId", is("12347"))
                .body("churn.status", is("SCORED"))
                .body("churn.churnProbability", notNullValue())
                .body("segment.segmentName", notNullValue())
                .body("lifetimeValue.expectedSpend", notNullValue())
                .body("lifetimeValue.probabilityAlive", notNullValue())
                .body("nextBestOffers.offers", notNullValue());
    }

    @Test
    void anOptedOutCustomerGetsNoPersonalScoreAnywhere() {
        given().contentType("application/json").body("{\"customerId\":\"" + DynamoDbLocalResource.OPTED_OUT + "\"}")
                .when().post()
                .then().statusCode(200)
                .body("churn.status", is("OPTED_OUT"))
                .body("segment.status", is("OPTED_OUT"))
                .body("lifetimeValue.status", is("OPTED_OUT"))
                .body("nextBestOffers.status", is("OPTED_OUT"));
    }
}
