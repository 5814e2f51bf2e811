package com.crmscoring.functions.value;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.crmscoring.testkit.DynamoDbLocalResource;
import com.crmscoring.functions.Events;
import com.crmscoring.functions.ExportProfiles;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(ExportProfiles.LifetimeValue.class)
@QuarkusTestResource(DynamoDbLocalResource.class)
class LifetimeValueFunctionTest {

    @Test
    void theEventFile_forecastsSpendWithReasons() {
        assumeTrue(DynamoDbLocalResource.realDataPresent(), "the public Online Retail data is absent");
        given().contentType("application/json").body(Events.read("lifetimeValue.json"))
                .when().post()
                .then().statusCode(200)
                .body("status", is("SCORED"))
                .body("expectedSpend", greaterThanOrEqualTo(0f))
                .body("horizonDays", is(90))
                .body("expectedPurchases", greaterThanOrEqualTo(0f))
                .body("probabilityAlive", allOf(greaterThan(0f), lessThanOrEqualTo(1f)))
                .body("reasons.size()", lessThanOrEqualTo(3))
                .body("model", is("lifetime-value"));
    }

    @Test
    void probabilityAliveAndExpectedPurchasesFallAsTheCustomerStaysSilent() {
        assumeTrue(DynamoDbLocalResource.realDataPresent(), "the public Online Retail data is absent");
        // 12347 buys every two months or so; their last order was on 2011-12-07. The same stored
        // profile, asked about later and later instants, must show them drifting away.
        float previousAlive = 2;
        float previousPurchases = Float.MAX_VALUE;
        for (String asOf : new String[] {"2011-12-10T00:00:00Z", "2012-06-10T00:00:00Z", "2013-06-10T00:00:00Z"}) {
            var answer = given().contentType("application/json").body("{\"customerId\":\"12347\",\"asOf\":\"" + asOf + "\"}")
                    .when().post()
                    .then().statusCode(200).body("asOf", is(asOf)).extract().jsonPath();
            float alive = answer.getFloat("probabilityAlive");
            float purchases = answer.getFloat("expectedPurchases");
            org.junit.jupiter.api.Assertions.assertTrue(alive < previousAlive && purchases < previousPurchases,
                    asOf + ": P(alive) " + alive + " after " + previousAlive + ", purchases " + purchases + " after " + previousPurchases);
            previousAlive = alive;
            previousPurchases = purchases;
        }
        org.junit.jupiter.api.Assertions.assertTrue(previousAlive < 0.5, "after 18 silent months P(alive) is " + previousAlive);
    }

    @Test
    void anOptedOutCustomerGetsNoForecast() {
        given().contentType("application/json").body("{\"customerId\":\"" + DynamoDbLocalResource.OPTED_OUT + "\"}")
                .when().post()
                .then().statusCode(200)
                .body("status", is("OPTED_OUT"))
                .body("expectedSpend", nullValue());
    }

    @Test
    void aSparseProfileIsForecastWithDefaults() {
        given().contentType("application/json").body("{\"customerId\":\"" + DynamoDbLocalResource.SPARSE + "\"}")
                .when().post()
                .then().statusCode(200)
                .body("status", is("SCORED"))
                .body("defaultsApplied.size()", greaterThanOrEqualTo(10))
                .body("reasons", hasSize(3));
    }
}
