package com.crmscoring.functions.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.crmscoring.functions.Events;
import com.crmscoring.testkit.DynamoDbLocalResource;
import com.crmscoring.testkit.HostileJson;
import com.crmscoring.testkit.PackagedLambda;
import com.crmscoring.testkit.RuntimeApiServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The packaged functions (the real function.zip, one JVM per exported function under the real
 * Lambda runtime interface client, against DynamoDB Local) fed what a careless or hostile caller
 * would send, as HttpApiFuzzIT feeds the HTTP API, with the same hostile values:
 * <ul>
 *   <li>every direct-invoke function: its event file with one value replaced, a key given twice,
 *       or any JSON value at all (Lambda's Invoke refuses a payload that is not JSON, so none is
 *       sent). The answer is a result, or a function error whose message starts with one of the
 *       README's documented exceptions and carries nothing that was sent;</li>
 *   <li>the queue and stream handlers: a batch of one valid record and one hostile record (a body
 *       with a value replaced, a key twice, any JSON or text at all; a stream image with an
 *       attribute replaced by a hostile attribute value). The batch never fails as a whole, the
 *       valid record is never reported, and a failure names only the hostile record.</li>
 * </ul>
 * Every answer comes within a bound, and after everything, every function still answers its
 * event file. jqwik shrinks a failing case to a minimal one, which then belongs in the
 * function's own test as a regression test.
 *
 * <p>Tries per property: {@code fuzz.tries} in the parent pom (750 in the build), or more with
 * {@code -Dfuzz.tries=20000} for a longer local run.
 */
class FunctionsFuzzIT {

    /** Seconds within which every answer must come (the deployed timeouts are 10 to 60 s). */
    private static final long BOUND_SECONDS = 10;
    /** The first invoke of a fresh JVM also loads the models. */
    private static final long FIRST_INVOKE_SECONDS = 90;
    /** Lambda's limit on a synchronous response (6 MB); the answer's characters stand in for its bytes, as it is JSON. */
    private static final int LAMBDA_RESPONSE_LIMIT = 6 * 1024 * 1024;
    private static final ObjectMapper JSON = HostileJson.JSON;
    private static final String MARK = HostileJson.MARK;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The direct-invoke functions, by export name, with the event file each takes. */
    private static final Map<String, String> DIRECT = Map.of(
            "churn", "churn.json", "segment", "segment.json", "lifetimeValue", "lifetimeValue.json",
            "nextBestOffer", "nextBestOffer.json", "profileScore", "profileScore.json", "batchScore", "batchScore.json",
            "fraud", "fraud.json", "privacy", "privacy.json");
    /** The exceptions the README documents for the direct-invoke functions (the dependency's needs an outage). */
    private static final List<String> DOCUMENTED_ERRORS = List.of(Events.INVALID, Events.TOO_LARGE, Events.NOT_FOUND);

    /** A valid order for the batch handlers; replayed on every try, so it also proves they are idempotent. */
    private static final String GOOD_ORDER = "{\"customerId\":\"FUZZ-GOOD\",\"order\":{\"orderId\":\"FUZZ-GOOD-1\","
            + "\"orderedAt\":\"2011-12-09T09:30:00Z\",\"country\":\"Iceland\",\"lines\":[{\"stockCode\":\"85123A\","
            + "\"description\":\"WHITE HANGING HEART T-LIGHT HOLDER\",\"quantity\":12,\"unitPrice\":2.55}]}}";
    /** The order the hostile records start from: another customer, so a hostile value that is valid after all harms nothing. */
    private static final String HOSTILE_ORDER = GOOD_ORDER.replace("FUZZ-GOOD", "FUZZ-HOSTILE");

    private static final Path UNPACKED = Path.of("target/fuzz-function");
    private static DynamoDbLocalResource local;
    private static Map<String, String> dynamo;
    private static final Map<String, PackagedLambda> RUNNING = new HashMap<>();

    @BeforeContainer
    static void start() throws Exception {
        PackagedLambda.unpack(Path.of("target/function.zip"), UNPACKED);
        local = new DynamoDbLocalResource();
        dynamo = local.start();
    }

    @AfterContainer
    static void stop() throws Exception {
        try {
            // After everything the properties sent, every function still answers its event file.
            for (Map.Entry<String, PackagedLambda> running : RUNNING.entrySet()) {
                String file = DIRECT.getOrDefault(running.getKey(), running.getKey() + ".json");
                RuntimeApiServer.Answer answer = running.getValue().invoke(Events.read(file), BOUND_SECONDS);
                assertFalse(answer.error(), running.getKey() + " no longer answers its event file: " + answer.body());
                assertEquals(0, JSON.readTree(answer.body()).path("batchItemFailures").size(), answer.body());
            }
        } finally {
            for (PackagedLambda lambda : RUNNING.values()) {
                lambda.close();
            }
            if (local != null) {
                local.stop();
            }
        }
    }

    // ------------------------------------------------------------------ direct invoke

    @Property
    void anEventFileWithOneHostileValue(@ForAll("direct") String function, @ForAll("hostile") HostileJson.Value value,
                                        @ForAll("places") List<Integer> where) throws Exception {
        JsonNode body = HostileJson.parse(Events.read(DIRECT.get(function)));
        HostileJson.plant(body, value.node(), where);
        checkDirect(function, HostileJson.write(body));
    }

    @Property
    void anEventFileWithAKeyGivenTwice(@ForAll("direct") String function, @ForAll("hostile") HostileJson.Value first) throws Exception {
        checkDirect(function, HostileJson.withFirstKeyTwice(Events.read(DIRECT.get(function)), first.node()));
    }

    @Property
    void anyJsonValueAtAll(@ForAll("direct") String function, @ForAll("anyJson") HostileJson.Value payload) throws Exception {
        checkDirect(function, HostileJson.write(payload.node()));
    }

    private static void checkDirect(String function, String payload) throws Exception {
        RuntimeApiServer.Answer answer = invoke(function, payload);
        if (!answer.error()) {
            Statistics.collect("answered");
            return;
        }
        JsonNode error = JSON.readTree(answer.body());
        String message = error.path("errorMessage").asText("");
        Statistics.collect("refused: " + (message.contains(":") ? message.substring(message.lastIndexOf('.', message.indexOf(':')) + 1,
                message.indexOf(':')) : "unreadable payload"));
        if (error.path("errorType").asText().equals(Events.FUNQY_UNREADABLE)) {
            assertEquals(Events.FUNQY_UNREADABLE_MESSAGE, message, function + ": " + answer.body());
        } else {
            assertEquals(Events.FUNQY_APPLICATION_ERROR, error.path("errorType").asText(), function + ": " + answer.body());
            assertTrue(DOCUMENTED_ERRORS.stream().anyMatch(message::startsWith), function + ": an undocumented error: " + message);
        }
        assertFalse(answer.body().contains(MARK) || answer.body().contains("SECRET"), function + ": a submitted value is echoed: "
                + message);
    }

    // ------------------------------------------------------------------ SQS

    @Property
    void aQueueBatchWithOneHostileMessage(@ForAll("hostileMessages") String body) throws Exception {
        ObjectNode event = NODES.objectNode();
        ArrayNode records = event.putArray("Records");
        records.add(sqsMessage("m-good", GOOD_ORDER));
        records.add(sqsMessage("m-hostile", body));
        Statistics.collect(checkBatch("orderQueue", event, "m-hostile"));
    }

    private static ObjectNode sqsMessage(String id, String body) {
        ObjectNode m = NODES.objectNode();
        m.put("messageId", id).put("receiptHandle", "r-" + id).put("body", body).put("md5OfBody", "")
                .put("eventSource", "aws:sqs").put("awsRegion", "us-east-1")
                .put("eventSourceARN", "arn:aws:sqs:us-east-1:000000000000:crm-orders-fuzz");
        m.putObject("attributes").put("ApproximateReceiveCount", "1");
        m.putObject("messageAttributes");
        return m;
    }

    // ------------------------------------------------------------------ DynamoDB Streams

    @Property
    void aStreamBatchWithOneHostileImage(@ForAll("attributes") String attribute, @ForAll("hostileAttributeValues") JsonNode value)
            throws Exception {
        ObjectNode good = streamRecord("FUZZ-STREAM-GOOD", "FUZZ-STREAM-GOOD-1", "1");
        ObjectNode hostile = streamRecord("FUZZ-STREAM-HOSTILE", "FUZZ-STREAM-HOSTILE-1", "2");
        ObjectNode image = (ObjectNode) hostile.path("dynamodb").path("NewImage");
        if (attribute.startsWith("lines[0].")) {
            ObjectNode line = (ObjectNode) image.path("lines").path("L").path(0).path("M");
            setOrRemove(line, attribute.substring("lines[0].".length()), value);
        } else {
            setOrRemove(image, attribute, value);
        }
        ObjectNode event = NODES.objectNode();
        event.putArray("Records").add(good).add(hostile);
        Statistics.collect(attribute, checkBatch("orderStream", event, "2"));
    }

    /** The event file's record, for another customer and order, with its own sequence number. */
    private static ObjectNode streamRecord(String customerId, String orderId, String sequenceNumber) {
        ObjectNode record = (ObjectNode) HostileJson.parse(Events.read("orderStream.json")).path("Records").path(0);
        ObjectNode dynamodb = (ObjectNode) record.path("dynamodb");
        dynamodb.put("SequenceNumber", sequenceNumber);
        for (String part : List.of("Keys", "NewImage")) {
            ((ObjectNode) dynamodb.path(part).path("customerId")).put("S", customerId);
            ((ObjectNode) dynamodb.path(part).path("orderId")).put("S", orderId);
        }
        return record;
    }

    private static void setOrRemove(ObjectNode target, String name, JsonNode value) {
        if (value.isMissingNode()) {
            target.remove(name);
        } else {
            target.set(name, value);
        }
    }

    // ------------------------------------------------------------------ what every batch answer must be

    /** @return what became of the hostile record, for the statistics */
    private static String checkBatch(String function, ObjectNode event, String hostileId) throws Exception {
        RuntimeApiServer.Answer answer = invoke(function, HostileJson.write(event));
        assertFalse(answer.error(), function + ": the whole batch failed instead of its hostile record: " + answer.body());
        List<String> failed = new ArrayList<>();
        JSON.readTree(answer.body()).path("batchItemFailures").forEach(f -> failed.add(f.path("itemIdentifier").asText()));
        assertTrue(Set.of(hostileId).containsAll(failed), function + ": a record other than the hostile one failed: " + failed);
        return failed.isEmpty() ? "hostile record taken (valid after all)" : "hostile record failed alone";
    }

    /** One JVM per function, started on first use and kept for the whole run, as a warm Lambda container. */
    private static RuntimeApiServer.Answer invoke(String function, String payload) throws Exception {
        PackagedLambda lambda = RUNNING.get(function);
        if (lambda == null) {
            lambda = PackagedLambda.startAsDeployed(UNPACKED, PackagedLambda.FUNQY_HANDLER, "crm-" + function + "-fuzz", dynamo,
                    Map.of("QUARKUS_FUNQY_EXPORT", function));
            RUNNING.put(function, lambda);
            String file = DIRECT.getOrDefault(function, function + ".json");
            RuntimeApiServer.Answer first = lambda.invoke(Events.read(file), FIRST_INVOKE_SECONDS);
            assertFalse(first.error(), function + " does not answer its event file: " + first.body());
        }
        RuntimeApiServer.Answer answer = lambda.invoke(payload, BOUND_SECONDS);
        assertTrue(answer.body().length() < LAMBDA_RESPONSE_LIMIT, function + ": an answer beyond Lambda's 6 MB");
        return answer;
    }

    // ------------------------------------------------------------------ generators

    @Provide
    Arbitrary<String> direct() {
        return Arbitraries.of(DIRECT.keySet().stream().sorted().toList());
    }

    @Provide
    Arbitrary<HostileJson.Value> hostile() {
        return HostileJson.values();
    }

    @Provide
    Arbitrary<List<Integer>> places() {
        return HostileJson.places();
    }

    /** Any JSON value: a hostile one, or an object of random keys. */
    @Provide
    Arbitrary<HostileJson.Value> anyJson() {
        Arbitrary<HostileJson.Value> objects = Arbitraries.maps(Arbitraries.strings().all().ofMaxLength(12), HostileJson.values())
                .ofMaxSize(4).map(m -> {
                    ObjectNode o = NODES.objectNode();
                    m.forEach((k, v) -> o.set(k, v.node()));
                    return new HostileJson.Value(o);
                });
        return Arbitraries.oneOf(HostileJson.values(), objects);
    }

    /** An SQS message body: an order with one value replaced, a key twice, any JSON, or any text. */
    @Provide
    Arbitrary<String> hostileMessages() {
        Arbitrary<String> planted = net.jqwik.api.Combinators.combine(HostileJson.values(), HostileJson.places()).as((v, where) -> {
            JsonNode body = HostileJson.parse(HOSTILE_ORDER);
            HostileJson.plant(body, v.node(), where);
            return HostileJson.write(body);
        });
        Arbitrary<String> twice = HostileJson.values().map(v -> HostileJson.withFirstKeyTwice(HOSTILE_ORDER, v.node()));
        Arbitrary<String> anyJson = anyJson().map(v -> HostileJson.write(v.node()));
        Arbitrary<String> text = Arbitraries.strings().all().ofMaxLength(300).map(s -> MARK + s);
        return Arbitraries.oneOf(planted, twice, anyJson, text);
    }

    @Provide
    Arbitrary<String> attributes() {
        return Arbitraries.of("customerId", "orderId", "orderedAt", "country", "cancellation", "amount", "lines",
                "lines[0].stockCode", "lines[0].description", "lines[0].quantity", "lines[0].unitPrice");
    }

    /**
     * What a stream image's attribute may hold when something other than this product wrote the
     * item: any type descriptor, numbers DynamoDB would never store, hostile strings, nothing at all
     * (a missing node means "remove the attribute"). Always a well-formed attribute value: the
     * event itself comes from DynamoDB, only the item's content can be wrong.
     */
    @Provide
    Arbitrary<JsonNode> hostileAttributeValues() {
        Arbitrary<JsonNode> numbers = Arbitraries.of("1e400", "NaN", "Infinity", "abc", "", "-1", "0", "1.5", "1e-400",
                "99999999999999999999999999999999999999").map(n -> (JsonNode) NODES.objectNode().put("N", n));
        Arbitrary<JsonNode> strings = HostileJson.values().map(HostileJson.Value::node).filter(JsonNode::isTextual)
                .map(s -> NODES.objectNode().set("S", s));
        Arbitrary<JsonNode> wrongTypes = Arbitraries.of(NODES.objectNode().put("BOOL", true), NODES.objectNode().put("NULL", true),
                NODES.objectNode(), NODES.objectNode().set("L", NODES.arrayNode()), NODES.objectNode().set("M", NODES.objectNode()),
                NODES.objectNode().set("SS", NODES.arrayNode().add(MARK)), NODES.objectNode().put("B", "AAAA"),
                NODES.objectNode().set("L", NODES.arrayNode().add(NODES.objectNode().put("S", MARK))),
                NODES.missingNode());
        return Arbitraries.oneOf(numbers, strings, wrongTypes);
    }
}
