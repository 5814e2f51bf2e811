package com.crmscoring.functions.orders;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.crmscoring.functions.Events;
import com.crmscoring.functions.ExportProfiles;
import com.crmscoring.storage.profile.ProfileItemMapper;
import com.crmscoring.testkit.DynamoDbLocalResource;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Orders arriving on an SQS queue: stored, screened, and the customer rescored; a bad message fails alone. */
@QuarkusTest
@TestProfile(ExportProfiles.OrderQueue.class)
@QuarkusTestResource(DynamoDbLocalResource.class)
class OrderQueueFunctionTest {

    private static Map<String, Object> message(String id, String body) {
        return Map.of("messageId", id, "receiptHandle", "r-" + id, "body", body, "attributes", Map.of(),
                "messageAttributes", Map.of(), "eventSource", "aws:sqs", "awsRegion", "us-east-1",
                "eventSourceARN", "arn:aws:sqs:us-east-1:000000000000:crm-orders-test");
    }

    @Test
    void aGoodMessageIsProcessed_andABadOneIsReportedAlone() throws Exception {
        String good = "{\"customerId\":\"QUEUE-A\",\"order\":{\"orderId\":\"Q-1\",\"orderedAt\":\"2011-12-01T10:00:00Z\","
                + "\"country\":\"France\",\"lines\":[{\"stockCode\":\"22423\",\"description\":\"REGENCY CAKESTAND 3 TIER\","
                + "\"quantity\":2,\"unitPrice\":12.75}]}}";
        String bad = "{\"customerId\":\"QUEUE-B\",\"order\":{\"orderId\":\"Q-2\",\"orderedAt\":\"2011-12-01T10:00:00Z\","
                + "\"lines\":[{\"stockCode\":\"22423\",\"quantity\":-2,\"unitPrice\":12.75}]}}";
        String event = new ObjectMapper().writeValueAsString(Map.of("Records", List.of(message("m-good", good), message("m-bad", bad))));

        List<String> failures = given().contentType("application/json").body(event).when().post().then().statusCode(200)
                .extract().jsonPath().getList("batchItemFailures.itemIdentifier");
        assertEquals(List.of("m-bad"), failures);

        try (DynamoDbClient dynamo = DynamoDbLocalResource.current().client()) {
            Map<String, AttributeValue> profile = dynamo.getItem(b -> b.tableName(DynamoDbLocalResource.TABLES.profiles())
                    .key(Map.of("customerId", AttributeValue.fromS("QUEUE-A")))).item();
            assertEquals(1, new ProfileItemMapper().fromItem(profile).aggregates().ordersTotal());
            assertTrue(profile.containsKey("lastOrderScreening"));
            assertTrue(dynamo.getItem(b -> b.tableName(DynamoDbLocalResource.TABLES.orders())
                    .key(Map.of("customerId", AttributeValue.fromS("QUEUE-A"), "orderId", AttributeValue.fromS("Q-1")))).hasItem(),
                    "the order is stored");
        }
    }

    @Test
    void theEventFile_isProcessedWithoutFailures() {
        assumeTrue(DynamoDbLocalResource.realDataPresent(), "the public Online Retail data is absent");
        List<String> failures = given().contentType("application/json").body(Events.read("orderQueue.json")).when().post()
                .then().statusCode(200).extract().jsonPath().getList("batchItemFailures.itemIdentifier");
        assertEquals(List.of(), failures);
    }
}
