package com.crmscoring.functions.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.crmscoring.functions.DynamoDbLocalResource;
import com.crmscoring.functions.Events;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every event file under {@code events/} against the packaged {@code function.zip}, run the way
 * the java21 Lambda runtime runs it: the real AWS Lambda runtime interface client starts the
 * handler in a fresh JVM and polls a Runtime API endpoint for the event; the function reads
 * DynamoDB Local over HTTP. One JVM per event file, with that file's function exported.
 */
class PackagedFunctionIT {

    private static final Path PACKAGE = Path.of("target/function.zip");
    private static final Path UNPACKED = Path.of("target/packaged-function");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Map<String, String> dynamo;
    private static DynamoDbLocalResource local;

    /** What each event's answer must show, by event file. */
    private static final Map<String, Consumer<JsonNode>> CHECKS = Map.of(
            "churn.json", a -> assertEquals("SCORED", a.path("status").asText()),
            "segment.json", a -> assertFalse(a.path("segmentName").asText().isEmpty()),
            "lifetimeValue.json", a -> assertTrue(a.path("expectedSpend").asDouble() >= 0),
            "nextBestOffer.json", a -> assertTrue(a.path("offers").isArray()),
            "profileScore.json", a -> assertEquals("SCORED", a.path("churn").path("status").asText()),
            "batchScore.json", a -> assertEquals(3, a.path("scored").asInt()),
            "fraud.json", a -> assertTrue(List.of("APPROVE", "REVIEW", "DECLINE").contains(a.path("decision").asText())),
            "orderStream.json", a -> assertEquals(0, a.path("batchItemFailures").size()),
            "orderQueue.json", a -> assertEquals(0, a.path("batchItemFailures").size()));

    @BeforeAll
    static void start() throws IOException {
        assumeTrue(Files.exists(PACKAGE), "target/function.zip is built by the package phase; run ./mvnw verify");
        assumeTrue(DynamoDbLocalResource.realDataPresent(), "the public Online Retail data is absent");
        unzip(PACKAGE, UNPACKED);
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
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of("../events"))) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertEquals(CHECKS.keySet(), new java.util.HashSet<>(files.stream().map(p -> p.getFileName().toString()).toList()),
                "every event file has a check, and every check an event file");
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            String name = file.getFileName().toString();
            RuntimeApiServer.Answer answer = invoke(name.replace(".json", ""), Events.read(name));
            assertFalse(answer.error(), name + " failed: " + answer.body());
            CHECKS.get(name).accept(JSON.readTree(answer.body()));
        }));
    }

    private static RuntimeApiServer.Answer invoke(String export, String event) throws Exception {
        try (RuntimeApiServer api = new RuntimeApiServer()) {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED",
                    // JBoss threads asks for it on Java 24+; Lambda's java21 does not need it.
                    "--add-opens=java.base/java.lang=ALL-UNNAMED",
                    "-Djava.io.tmpdir=" + Path.of("target").toAbsolutePath(),
                    "-cp", classpath(),
                    "com.amazonaws.services.lambda.runtime.api.client.AWSLambda",
                    "io.quarkus.funqy.lambda.FunqyStreamHandler::handleRequest"));
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(Path.of("target", "packaged-" + export + ".log").toFile());
            Map<String, String> env = pb.environment();
            env.put("AWS_LAMBDA_RUNTIME_API", api.address());
            env.put("_HANDLER", "io.quarkus.funqy.lambda.FunqyStreamHandler::handleRequest");
            env.put("AWS_LAMBDA_FUNCTION_NAME", "crm-" + export + "-test");
            env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
            env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
            env.put("AWS_REGION", "us-east-1");
            env.put("TMPDIR", Path.of("target").toAbsolutePath().toString());
            env.put("QUARKUS_FUNQY_EXPORT", export);
            env.put("PROFILES_TABLE", DynamoDbLocalResource.TABLES.profiles());
            env.put("ORDERS_TABLE", DynamoDbLocalResource.TABLES.orders());
            env.put("QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE", dynamo.get("quarkus.dynamodb.endpoint-override"));
            env.put("QUARKUS_DYNAMODB_AWS_REGION", "us-east-1");
            env.put("QUARKUS_DYNAMODB_AWS_CREDENTIALS_TYPE", "static");
            env.put("QUARKUS_DYNAMODB_AWS_CREDENTIALS_STATIC_PROVIDER_ACCESS_KEY_ID", "local");
            env.put("QUARKUS_DYNAMODB_AWS_CREDENTIALS_STATIC_PROVIDER_SECRET_ACCESS_KEY", "local");
            Process process = pb.start();
            try {
                return api.invoke(event, 90);
            } finally {
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        }
    }

    /**
     * The package's own classes and libraries, then the runtime interface client, which the
     * java21 runtime provides and the package therefore does not carry.
     */
    private static String classpath() {
        List<String> entries = new ArrayList<>();
        entries.add(UNPACKED.toAbsolutePath().toString());
        entries.add(UNPACKED.resolve("lib").toAbsolutePath() + File.separator + "*");
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.contains("aws-lambda-java-runtime-interface-client") || entry.contains("aws-lambda-java-serialization")) {
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static void unzip(Path zip, Path target) throws IOException {
        if (Files.exists(target)) {
            try (Stream<Path> walk = Files.walk(target)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
            for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
                Path out = target.resolve(e.getName()).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("zip entry outside the target: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(z, out);
                }
            }
        }
    }
}
