package com.crmscoring.functions.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.crmscoring.functions.Events;
import com.crmscoring.testkit.CustomRuntimePackage;
import com.crmscoring.testkit.DynamoDbLocalResource;
import com.crmscoring.testkit.EventFiles;
import com.crmscoring.testkit.PackagedLambda;
import com.crmscoring.testkit.RuntimeApiServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every event file under {@code events/} against the packaged {@code function.zip}, run the way
 * the java21 Lambda runtime runs it: the real AWS Lambda runtime interface client starts the
 * handler in a fresh JVM and polls a Runtime API endpoint for the event; the function reads
 * DynamoDB Local over HTTP. One JVM per event file, with that file's function exported. The
 * same files then go to the custom-runtime package ({@code provided.al2023}), started through its
 * own bootstrap and JVM.
 */
class PackagedFunctionIT {

    private static final Path PACKAGE = Path.of("target/function.zip");
    private static final Path UNPACKED = Path.of("target/packaged-function");
    private static final Path CUSTOM_RUNTIME = Path.of("target/function-custom-runtime.zip");
    private static final Path CUSTOM_RUNTIME_UNPACKED = Path.of("target/packaged-custom-runtime");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Map<String, String> dynamo;
    private static DynamoDbLocalResource local;

    /** What each event's answer must show, by event file. */
    private static final Map<String, Consumer<JsonNode>> CHECKS = Map.ofEntries(
            Map.entry("churn.json", a -> assertEquals("SCORED", a.path("status").asText())),
            Map.entry("segment.json", a -> assertFalse(a.path("segmentName").asText().isEmpty())),
            Map.entry("lifetimeValue.json", a -> assertTrue(a.path("expectedSpend").asDouble() >= 0 && a.path("probabilityAlive").isNumber(),
                    a.toString())),
            Map.entry("nextBestOffer.json", a -> assertTrue(a.path("offers").isArray())),
            Map.entry("profileScore.json", a -> assertEquals("SCORED", a.path("churn").path("status").asText())),
            Map.entry("batchScore.json", a -> assertEquals(3, a.path("scored").asInt())),
            Map.entry("fraud.json", a -> assertTrue(List.of("APPROVE", "REVIEW", "DECLINE").contains(a.path("decision").asText()))),
            Map.entry("orderStream.json", a -> assertEquals(0, a.path("batchItemFailures").size())),
            Map.entry("orderQueue.json", a -> assertEquals(0, a.path("batchItemFailures").size())),
            Map.entry("privacy.json", a -> assertEquals("OBJECT_TO_PROFILING", a.path("action").asText())),
            // The test table's customers, against the four customer models' training populations, and
            // their orders of the 30 days before the end of the data (the functions' clock), against
            // fraud screening's.
            Map.entry("drift.json", a -> {
                assertEquals(5, a.path("models").size(), a.toString());
                assertEquals("fraud-anomaly", a.path("models").get(4).path("model").asText(), a.toString());
                assertTrue(a.path("orders").asLong() > 0, a.toString());
                assertEquals(0, a.path("nothingToCompare").size(), a.toString());
                assertTrue(a.path("customers").asLong() > 0 && a.path("optedOut").asLong() >= 1, a.toString());
                a.path("models").forEach(m -> assertTrue(m.path("scorePsi").asDouble() >= 0, a.toString()));
                assertEquals(2, a.path("written").size(), "the report and its page");
            }));

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

    @TestFactory
    Stream<DynamicTest> everyEventFileThroughTheRuntimeInterfaceClient() throws IOException {
        return EventFiles.exactly(Path.of("../events"), CHECKS.keySet()).stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            String name = file.getFileName().toString();
            RuntimeApiServer.Answer answer = invoke(name.replace(".json", ""), Events.read(name));
            assertFalse(answer.error(), name + " failed: " + answer.body());
            CHECKS.get(name).accept(JSON.readTree(answer.body()));
        }));
    }

    /**
     * The same event files against the custom-runtime package (provided.al2023), each started
     * through the package's own bootstrap with its own JVM, and the JVM must have used the AOT
     * cache: no {@code [aot]} complaint in the log after the zip's round trip.
     */
    @TestFactory
    Stream<DynamicTest> everyEventFileThroughTheCustomRuntimesBootstrap() throws IOException {
        assumeTrue(Files.exists(CUSTOM_RUNTIME), "target/function-custom-runtime.zip is built at package on Java 25+ (CustomRuntimePackage)");
        PackagedLambda.unpack(CUSTOM_RUNTIME, CUSTOM_RUNTIME_UNPACKED);
        return EventFiles.exactly(Path.of("../events"), CHECKS.keySet()).stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            String name = file.getFileName().toString();
            String export = name.replace(".json", "");
            Map<String, String> env = PackagedLambda.deployedEnvironment(DynamoDbLocalResource.lambdaEnvironment(dynamo), Path.of(".."),
                    "crm-" + export + "-custom");
            env.put("QUARKUS_FUNQY_EXPORT", export);
            Path log = Path.of("target", "crm-" + export + "-custom.log");
            RuntimeApiServer.Answer answer;
            try (PackagedLambda lambda = PackagedLambda.startBootstrap(CUSTOM_RUNTIME_UNPACKED, PackagedLambda.FUNQY_HANDLER, env, log)) {
                answer = lambda.invoke(Events.read(name), 90);
            }
            assertFalse(answer.error(), name + " failed: " + answer.body());
            CHECKS.get(name).accept(JSON.readTree(answer.body()));
            assertEquals(List.of(), CustomRuntimePackage.aotLines(log), "the JVM must use the package's AOT cache");
        }));
    }

    private static RuntimeApiServer.Answer invoke(String export, String event) throws Exception {
        try (PackagedLambda lambda = PackagedLambda.startAsDeployed(UNPACKED, PackagedLambda.FUNQY_HANDLER, "crm-" + export + "-test",
                dynamo, Map.of("QUARKUS_FUNQY_EXPORT", export))) {
            return lambda.invoke(event, 90);
        }
    }
}
