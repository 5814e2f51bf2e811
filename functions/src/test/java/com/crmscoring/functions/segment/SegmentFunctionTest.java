package com.crmscoring.functions.segment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.in;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.crmscoring.testkit.DynamoDbLocalResource;
import com.crmscoring.functions.Events;
import com.crmscoring.functions.ExportProfiles;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(ExportProfiles.Segment.class)
@QuarkusTestResource(DynamoDbLocalResource.class)
class SegmentFunctionTest {

    private static final List<String> STAGES = List.of("ACQUISITION", "GROWTH", "MATURITY", "RECESSION", "TERMINATION");

    @Test
    void theEventFile_placesARealCustomerInANamedSegmentAndStage() {
        assumeTrue(DynamoDbLocalResource.realDataPresent(), "the public Online Retail data is absent");
        given().contentType("application/json").body(Events.read("segment.json"))
                .when().post()
                .then().statusCode(200)
                .body("status", is("SCORED"))
                .body("segmentName", notNullValue())
                .body("squaredDistances", aMapWithSize(4))
                .body("lifecycleStage", in(STAGES))
                .body("model", is("segments"));
    }

    @Test
    void anOptedOutCustomerIsNotProfiled() {
        given().contentType("application/json").body("{\"customerId\":\"" + DynamoDbLocalResource.OPTED_OUT + "\"}")
                .when().post()
                .then().statusCode(200)
                .body("status", is("OPTED_OUT"))
                .body("segmentName", nullValue());
    }

    @Test
    void unknownCustomer_isNotFound() {
        given().contentType("application/json").body("{\"customerId\":\"99999999\"}")
                .when().post()
                .then().statusCode(500)
                .body("errorType", is(Events.FUNQY_APPLICATION_ERROR))
                .body("errorMessage", is(Events.NOT_FOUND + ": no profile exists for the requested customerId"));
    }
}
