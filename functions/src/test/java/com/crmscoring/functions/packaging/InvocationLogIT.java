package com.crmscoring.functions.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.crmscoring.functions.Events;
import com.crmscoring.scoring.observe.EmbeddedMetrics;
import com.crmscoring.scoring.observe.InvocationLog;
import com.crmscoring.testkit.DynamoDbLocalResource;
import com.crmscoring.testkit.EmbeddedMetricFormat;
import com.crmscoring.testkit.EventFiles;
import com.crmscoring.testkit.LogLines;
import com.crmscoring.testkit.PackagedLambda;
import com.crmscoring.testkit.RuntimeApiServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * What the packaged functions write to their logs, read back line by line: every function, run
 * through the real runtime interface client over its event file and two bad inputs, logs only
 * JSON objects; each invocation gets one line with its request id, function, models, outcome and
 * latency, followed by its metrics in the embedded metric format; and no line holds any customer
 * id, order id, product or e-mail address that was sent.
 */
class InvocationLogIT {

    private static final Path PACKAGE = Path.of("target/function.zip");
    private static final Path UNPACKED = Path.of("target/packaged-function-logs");
    /** The functions without a model: their invocation line names none. */
    private static final Set<String> WITHOUT_MODELS = Set.of("privacy");
    /** The functions whose event file asks for a score: their metrics count it. */
    private static final Set<String> SCORING = Set.of("churn", "segment", "lifetimeValue", "nextBestOffer", "profileScore",
            "batchScore", "fraud");
    /** Bad input for every function: e-mail addresses where ids belong, and JSON cut short. */
    static final List<String> BAD = List.of(
            "{\"customerId\":\"alice.liddell@example.org\",\"orderId\":\"ORDER-alice-77\"}",
            "{\"customerId\":\"bob.dylan@example.org\",\"order\":{\"orderId\":\"ORDER-bob-78\"");

    private static Map<String, String> dynamo;
    private static DynamoDbLocalResource local;

    @BeforeAll
    static void start() throws IOException {
        assumeTrue(Files.exists(PACKAGE), "target/function.zip is built by the package phase; run ./mvnw verify");
        assumeTrue(DynamoDbLocalResource.realDataPresent(), "the public Online Retail data is absent");
        PackagedLambda.unpack(PACKAGE, UNPACKED);
        local = new DynamoDbLocalResource();
        dynamo = local.start();
    }

    @AfterAll
    static void stop() {
        if (local != null) {
            local.stop();
        }
    }

    /**
     * A challenger in shadow in the packaged function, configured as a deployment would (environment
     * variables): the caller gets the live model's answer, the log gets one {@code shadow} line per
     * sample and the metrics the challenger's comparisons, under its own version.
     */
    @Test
    void aChallengerRunsInShadowInThePackagedFunction() throws Exception {
        List<RuntimeApiServer.Answer> answers = new ArrayList<>();
        try (PackagedLambda lambda = PackagedLambda.startAsDeployed(UNPACKED, PackagedLambda.FUNQY_HANDLER, "crm-churn-shadow", dynamo,
                Map.of("QUARKUS_FUNQY_EXPORT", "churn", "CRM_CHALLENGER_CHURN_MODEL", "models/challengers/churn.onnx",
                        "CRM_CHALLENGER_CHURN_SHARE", "1"))) {
            for (int i = 0; i < 3; i++) {
                answers.add(lambda.invoke(Events.read("churn.json"), 90));
            }
        }
        Set<String> personal = new HashSet<>();
        LogLines.personalValues(Events.read("churn.json"), personal);
        List<JsonNode> lines = LogLines.read(Path.of("target", "crm-churn-shadow.log"), personal);
        String live = new ObjectMapper().readTree(answers.get(0).body()).path("modelVersion").asText();
        List<JsonNode> shadow = lines.stream().filter(l -> "shadow".equals(l.path("message").asText())).map(l -> l.path("mdc")).toList();
        assertFalse(shadow.isEmpty(), "a shadow line per sample");
        String challenger = shadow.get(0).path("challenger").asText();
        assertFalse(challenger.isEmpty() || challenger.equals(live), "another version than the live " + live);
        answers.forEach(a -> assertTrue(a.body().contains("\"modelVersion\":\"" + live + "\""), "the caller gets the live model: " + a.body()));
        long compared = lines.stream().filter(EmbeddedMetricFormat::isDocument)
                .filter(doc -> challenger.equals(doc.path(EmbeddedMetrics.VERSION).asText()))
                .mapToLong(doc -> doc.path(EmbeddedMetrics.SHADOW_COMPARED).asLong()).sum();
        assertTrue(compared >= 1, "the challenger's comparisons in the metrics");
    }

    @TestFactory
    Stream<DynamicTest> everyFunctionLogsJsonWithItsInvocationsAndNothingPersonal() throws IOException {
        return EventFiles.exactly(Path.of("../events"), Set.of("churn.json", "segment.json", "lifetimeValue.json",
                "nextBestOffer.json", "profileScore.json", "batchScore.json", "fraud.json", "orderStream.json", "orderQueue.json",
                "privacy.json", "drift.json")).stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            String name = file.getFileName().toString();
            String export = name.replace(".json", "");
            List<String> sent = new ArrayList<>();
            sent.add(Events.read(name));
            sent.addAll(BAD);
            List<RuntimeApiServer.Answer> answers = new ArrayList<>();
            try (PackagedLambda lambda = PackagedLambda.startAsDeployed(UNPACKED, PackagedLambda.FUNQY_HANDLER, "crm-" + export + "-logs",
                    dynamo, Map.of("QUARKUS_FUNQY_EXPORT", export))) {
                for (String event : sent) {
                    answers.add(lambda.invoke(event, 90));
                }
            }
            assertFalse(answers.get(0).error(), name + " failed: " + answers.get(0).body());

            Set<String> personal = new HashSet<>();
            sent.forEach(event -> LogLines.personalValues(event, personal));
            assertTrue(personal.contains("alice.liddell@example.org") && personal.contains("ORDER-bob-78"),
                    "the scan looks for what was sent: " + personal);
            List<JsonNode> lines = LogLines.read(Path.of("target", "crm-" + export + "-logs.log"), personal);
            List<JsonNode> invocations = lines.stream()
                    .filter(line -> InvocationLog.MESSAGE.equals(line.path("message").asText()))
                    .map(line -> line.path("mdc")).toList();
            assertEquals(sent.size(), invocations.size(), "one invocation line per event: " + invocations);
            Set<String> requestIds = new HashSet<>();
            for (int i = 0; i < invocations.size(); i++) {
                JsonNode fields = invocations.get(i);
                requestIds.add(fields.path(InvocationLog.REQUEST_ID).asText());
                assertEquals(export, fields.path(InvocationLog.FUNCTION).asText());
                assertEquals(WITHOUT_MODELS.contains(export), fields.path(InvocationLog.MODELS).asText().isEmpty(), fields.toString());
                assertTrue(Double.parseDouble(fields.path(InvocationLog.LATENCY_MS).asText()) > 0, fields.toString());
                String outcome = fields.path(InvocationLog.OUTCOME).asText();
                assertEquals(!answers.get(i).error(), outcome.equals(InvocationLog.OK), "outcome " + outcome + " of " + answers.get(i));
                assertTrue(outcome.matches("ok|[A-Z_]+"), "an outcome is a code: " + outcome);
            }
            assertEquals(sent.size(), requestIds.size(), "each invocation its own request id: " + requestIds);
            assertTrue(requestIds.stream().allMatch(id -> id.startsWith("req-")), "the Runtime API's request ids: " + requestIds);

            // The metrics: every document in the embedded metric format, one per invocation with its
            // outcome, and the scores it served counted under the model versions the line names.
            List<JsonNode> metrics = lines.stream().filter(EmbeddedMetricFormat::isDocument).toList();
            metrics.forEach(doc -> assertEquals(List.of(), EmbeddedMetricFormat.problems(doc, doc.toString()), doc.toString()));
            List<JsonNode> perInvocation = metrics.stream().filter(doc -> doc.has(EmbeddedMetrics.FUNCTION)).toList();
            assertEquals(invocations.stream().map(f -> f.path(InvocationLog.OUTCOME).asText()).toList(),
                    perInvocation.stream().map(doc -> doc.path(EmbeddedMetrics.OUTCOME).asText()).toList(), "one document per invocation");
            perInvocation.forEach(doc -> assertEquals(export, doc.path(EmbeddedMetrics.FUNCTION).asText()));
            List<JsonNode> perModel = metrics.stream().filter(doc -> doc.has(EmbeddedMetrics.MODEL)).toList();
            long served = perModel.stream().mapToLong(doc -> doc.path("Scored").asLong() + doc.path("OptedOut").asLong()).sum();
            if (SCORING.contains(export) || WITHOUT_MODELS.contains(export)) {
                assertEquals(SCORING.contains(export), served > 0, export + " counted scores: " + perModel);
            }
            for (JsonNode doc : perModel) {
                String version = doc.path(EmbeddedMetrics.MODEL).asText() + "@" + doc.path(EmbeddedMetrics.VERSION).asText();
                assertTrue(invocations.get(0).path(InvocationLog.MODELS).asText().contains(version), version + " is a model it loaded");
            }
        }));
    }
}
