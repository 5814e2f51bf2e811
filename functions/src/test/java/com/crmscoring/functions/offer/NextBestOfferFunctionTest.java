package com.crmscoring.functions.offer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;
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
@TestProfile(ExportProfiles.NextBestOffer.class)
@QuarkusTestResource(DynamoDbLocalResource.class)
class NextBestOfferFunctionTest {

    @Test
    void theEventFile_ranksOffersWithReasons() {
        assumeTrue(DynamoDbLocalResource.realDataPresent(), "the public Online Retail data is absent");
        given().contentType("application/json").body(Events.read("nextBestOffer.json"))
                .when().post()
                .then().statusCode(200)
                .body("status", is("SCORED"))
                .body("offers.size()", lessThanOrEqualTo(3))
                .body("offers.reason", everyItem(not(emptyOrNullString())))
                .body("model", is("next-best-offer"));
    }

    @Test
    void theBestCustomerWhoBoughtFromEveryFamilyLatelyStillGetsOffers_markedAsReplenishment() {
        assumeTrue(DynamoDbLocalResource.realDataPresent(), "the public Online Retail data is absent");
        given().contentType("application/json").body("{\"customerId\":\"" + DynamoDbLocalResource.BEST
                        + "\",\"asOf\":\"2011-12-10T00:00:00Z\"}")
                .when().post()
                .then().statusCode(200)
                .body("status", is("SCORED"))
                .body("offers.size()", is(3))
                .body("offers.replenishment", everyItem(is(true)))
                .body("offers[0].reason", startsWith("replenishment: bought from this family"));
        // A month later the exclusion windows have passed: ordinary offers again.
        given().contentType("application/json").body("{\"customerId\":\"" + DynamoDbLocalResource.BEST
                        + "\",\"asOf\":\"2012-01-20T00:00:00Z\"}")
                .when().post()
                .then().statusCode(200)
                .body("offers.replenishment", everyItem(is(false)))
                .body("offers.size()", is(3));
    }

    @Test
    void anOptedOutCustomerGetsNoPersonalOffers() {
        given().contentType("application/json").body("{\"customerId\":\"" + DynamoDbLocalResource.OPTED_OUT + "\"}")
                .when().post()
                .then().statusCode(200)
                .body("status", is("OPTED_OUT"))
                .body("offers", nullValue());
    }
}
