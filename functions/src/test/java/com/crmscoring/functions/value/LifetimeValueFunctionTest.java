package com.crmscoring.functions.value;

import static io.restassured.RestAssured.given;
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
                .body("reasons.size()", lessThanOrEqualTo(3))
                .body("model", is("lifetime-value"));
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
