package com.crmscoring.functions.orders;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.crmscoring.functions.ExportProfiles;
import com.crmscoring.shared.domain.Order;
import com.crmscoring.shared.domain.OrderLine;
import com.crmscoring.storage.orders.OrderItemMapper;
import com.crmscoring.storage.profile.ProfileItemMapper;
import com.crmscoring.testkit.DynamoDbLocalResource;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Orders written to the real DynamoDB Local, read back from the orders table's real stream, and
 * fed to the function as Lambda delivers them: every record twice, plus a malformed one.
 */
@QuarkusTest
@TestProfile(ExportProfiles.OrderStream.class)
@QuarkusTestResource(DynamoDbLocalResource.class)
class OrderStreamFunctionTest {

    private static final int ORDERS = 5;
    private static final String CUSTOMER = "STREAM-A";

    @Test
    void nOrdersIn_nCountedOnce_duplicatesIgnored_malformedRecordReportedAlone() throws Exception {
        try (DynamoDbClient dynamo = DynamoDbLocalResource.current().client();
             DynamoDbStreamsClient streams = DynamoDbLocalResource.current().streamsClient()) {
            String table = DynamoDbLocalResource.TABLES.orders();
            OrderItemMapper mapper = new OrderItemMapper();
            for (int i = 0; i < ORDERS; i++) {
                Order o = new Order("S-" + i, CUSTOMER, Instant.parse("2011-11-0" + (i + 1) + "T10:00:00Z"), "United Kingdom", false,
                        List.of(new OrderLine("85123A", "WHITE HANGING HEART T-LIGHT HOLDER", 6 + i, 2.55)));
                dynamo.putItem(b -> b.tableName(table).item(mapper.toItem(o)));
            }
            // An item that is not an order: no lines, a date that is not one.
            dynamo.putItem(b -> b.tableName(table).item(Map.of("customerId", AttributeValue.fromS("STREAM-B"),
                    "orderId", AttributeValue.fromS("BAD-1"), "orderedAt", AttributeValue.fromS("last Tuesday"))));

            List<Record> records = read(streams, dynamo.describeTable(b -> b.tableName(table)).table().latestStreamArn());
            assertEquals(ORDERS + 1, records.size(), "one stream record per write");
            String malformed = records.stream().filter(r -> r.dynamodb().keys().get("orderId").s().equals("BAD-1"))
                    .findFirst().orElseThrow().dynamodb().sequenceNumber();
            List<Record> delivered = new ArrayList<>(records);
            delivered.addAll(records);   // at-least-once delivery: every record again
            String event = lambdaEvent(delivered);

            JsonPath first = given().contentType("application/json").body(event).when().post().then().statusCode(200)
                    .extract().jsonPath();
            assertEquals(List.of(malformed, malformed), first.getList("batchItemFailures.itemIdentifier"),
                    "only the malformed record (both copies) is reported for retry");

            Map<String, AttributeValue> profile = profile(dynamo);
            assertEquals(ORDERS, new ProfileItemMapper().fromItem(profile).aggregates().ordersTotal(), "each order counted once");
            assertNotNull(profile.get("scores"), "the customer was rescored");
            assertEquals("S-" + (ORDERS - 1), profile.get("lastOrderScreening").m().get("orderId").s());

            given().contentType("application/json").body(event).when().post().then().statusCode(200);
            assertEquals(profile, profile(dynamo), "a replay changes nothing");
        }
    }

    private static Map<String, AttributeValue> profile(DynamoDbClient dynamo) {
        return dynamo.getItem(b -> b.tableName(DynamoDbLocalResource.TABLES.profiles()).consistentRead(true)
                .key(Map.of("customerId", AttributeValue.fromS(CUSTOMER)))).item();
    }

    /** Every record of the stream for this test's customers, from the start of each shard. */
    private static List<Record> read(DynamoDbStreamsClient streams, String arn) {
        List<Record> out = new ArrayList<>();
        for (var shard : streams.describeStream(b -> b.streamArn(arn)).streamDescription().shards()) {
            String iterator = streams.getShardIterator(b -> b.streamArn(arn).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            for (int page = 0; iterator != null && page < 50; page++) {
                String current = iterator;
                var response = streams.getRecords(b -> b.shardIterator(current).limit(1000));
                response.records().stream()
                        .filter(r -> r.dynamodb().keys().get("customerId").s().startsWith("STREAM-"))
                        .forEach(out::add);
                if (response.records().isEmpty()) {
                    break;
                }
                iterator = response.nextShardIterator();
            }
        }
        return out;
    }

    /** The records as the DynamoDB Streams event Lambda sends a function. */
    private static String lambdaEvent(List<Record> records) throws Exception {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Record r : records) {
            Map<String, Object> dynamodb = new LinkedHashMap<>();
            dynamodb.put("ApproximateCreationDateTime", r.dynamodb().approximateCreationDateTime().getEpochSecond());
            dynamodb.put("Keys", json(r.dynamodb().keys()));
            dynamodb.put("NewImage", json(r.dynamodb().newImage()));
            dynamodb.put("SequenceNumber", r.dynamodb().sequenceNumber());
            dynamodb.put("SizeBytes", r.dynamodb().sizeBytes());
            dynamodb.put("StreamViewType", r.dynamodb().streamViewTypeAsString());
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("eventID", r.eventID());
            record.put("eventName", r.eventNameAsString());
            record.put("eventVersion", r.eventVersion());
            record.put("eventSource", "aws:dynamodb");
            record.put("awsRegion", "us-east-1");
            record.put("dynamodb", dynamodb);
            record.put("eventSourceARN", "arn:aws:dynamodb:us-east-1:000000000000:table/crm-orders-test/stream/local");
            out.add(record);
        }
        return new ObjectMapper().writeValueAsString(Map.of("Records", out));
    }

    private static Map<String, Object> json(Map<String, AttributeValue> item) {
        Map<String, Object> out = new LinkedHashMap<>();
        item.forEach((k, v) -> out.put(k, json(v)));
        return out;
    }

    private static Map<String, Object> json(AttributeValue v) {
        if (v.s() != null) {
            return Map.of("S", v.s());
        }
        if (v.n() != null) {
            return Map.of("N", v.n());
        }
        if (v.bool() != null) {
            return Map.of("BOOL", v.bool());
        }
        if (v.hasM()) {
            return Map.of("M", json(v.m()));
        }
        if (v.hasL()) {
            return Map.of("L", v.l().stream().map(OrderStreamFunctionTest::json).toList());
        }
        return Map.of("NULL", true);
    }

    @Test
    void theEventFile_isProcessedWithoutFailures() {
        org.junit.jupiter.api.Assumptions.assumeTrue(DynamoDbLocalResource.realDataPresent(), "the public Online Retail data is absent");
        List<String> failures = given().contentType("application/json").body(com.crmscoring.functions.Events.read("orderStream.json"))
                .when().post().then().statusCode(200).extract().jsonPath().getList("batchItemFailures.itemIdentifier");
        assertEquals(List.of(), failures);
    }
}
