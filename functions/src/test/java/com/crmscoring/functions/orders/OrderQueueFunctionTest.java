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

    /**
     * The API's bad inputs as queue messages (issue 15): each poison record fails alone, as a batch
     * item failure, and the container keeps serving; the good record in the same batch is processed.
     */
    @Test
    void poisonRecordsOfEveryKindFailAloneAndTheContainerKeepsServing() throws Exception {
        String line = "{\"stockCode\":\"22423\",\"quantity\":2,\"unitPrice\":12.75}";
        String at = "\"orderedAt\":\"2011-12-01T10:00:00Z\"";
        Map<String, String> poison = new java.util.LinkedHashMap<>();
        poison.put("date-beyond-any-calendar", "{\"customerId\":\"QUEUE-P\",\"order\":{\"orderId\":\"P-1\","
                + "\"orderedAt\":\"+1000000000-12-31T23:59:59Z\",\"lines\":[" + line + "]}}");
        poison.put("key-twice", "{\"customerId\":\"QUEUE-P\",\"order\":{},\"order\":{\"orderId\":\"P-2\"," + at
                + ",\"lines\":[" + line + "]}}");
        poison.put("quantity-1.5", "{\"customerId\":\"QUEUE-P\",\"order\":{\"orderId\":\"P-3\"," + at
                + ",\"lines\":[{\"stockCode\":\"A\",\"quantity\":1.5,\"unitPrice\":1}]}}");
        poison.put("quantity-as-string", "{\"customerId\":\"QUEUE-P\",\"order\":{\"orderId\":\"P-4\"," + at
                + ",\"lines\":[{\"stockCode\":\"A\",\"quantity\":\"12\",\"unitPrice\":1}]}}");
        poison.put("id-as-number", "{\"customerId\":12347,\"order\":{\"orderId\":\"P-5\"," + at + ",\"lines\":[" + line + "]}}");
        poison.put("not-json", "{\"customerId\":");
        poison.put("huge-id", "{\"customerId\":\"" + "X".repeat(10_240) + "\",\"order\":{\"orderId\":\"P-6\"," + at
                + ",\"lines\":[" + line + "]}}");
        String good = "{\"customerId\":\"QUEUE-C\",\"order\":{\"orderId\":\"Q-3\"," + at + ",\"lines\":[" + line + "]}}";
        List<Map<String, Object>> records = new java.util.ArrayList<>();
        poison.forEach((id, body) -> records.add(message(id, body)));
        records.add(message("m-good-2", good));
        String event = new ObjectMapper().writeValueAsString(Map.of("Records", records));

        List<String> failures = given().contentType("application/json").body(event).when().post().then().statusCode(200)
                .extract().jsonPath().getList("batchItemFailures.itemIdentifier");
        assertEquals(List.copyOf(poison.keySet()), failures);
        try (DynamoDbClient dynamo = DynamoDbLocalResource.current().client()) {
            assertTrue(dynamo.getItem(b -> b.tableName(DynamoDbLocalResource.TABLES.profiles())
                    .key(Map.of("customerId", AttributeValue.fromS("QUEUE-C")))).hasItem(), "the good record was processed");
            assertTrue(!dynamo.getItem(b -> b.tableName(DynamoDbLocalResource.TABLES.profiles())
                    .key(Map.of("customerId", AttributeValue.fromS("QUEUE-P")))).hasItem(), "no poison record was");
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
