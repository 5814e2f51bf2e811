package com.crmscoring.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The profile store down: the DynamoDB client points at a local port where nothing listens, a
 * real connection refusal rather than a mock. The shop gets 503 with Retry-After, and the
 * container keeps serving.
 */
@QuarkusTest
@TestProfile(DependencyDownTest.NothingListens.class)
class DependencyDownTest {

    public static final class NothingListens implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of(
                    "quarkus.dynamodb.endpoint-override", "http://127.0.0.1:" + port,
                    "quarkus.dynamodb.aws.region", "us-east-1",
                    "quarkus.dynamodb.aws.credentials.type", "static",
                    "quarkus.dynamodb.aws.credentials.static-provider.access-key-id", "local",
                    "quarkus.dynamodb.aws.credentials.static-provider.secret-access-key", "local");
        }
    }

    /**
     * The 503 must reach the shop before Lambda ends the invocation at the function's timeout:
     * a correctness bound (the call's time limit in application.properties), not a benchmark.
     */
    @Test
    void aDownProfileStoreIs503WithRetryAfter() throws java.io.IOException {
        long timeoutMs = 1000L * new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                .readTree(java.nio.file.Path.of("../template.yaml").toFile())
                .path("Resources").path("HttpApiFunction").path("Properties").path("Timeout").asLong();
        for (int i = 0; i < 2; i++) {
            long start = System.nanoTime();
            given().when().post("/customers/12347/churn")
                    .then().statusCode(503)
                    .header("Retry-After", "1")
                    .body("error", is("DEPENDENCY_UNAVAILABLE"));
            long ms = (System.nanoTime() - start) / 1_000_000;
            org.junit.jupiter.api.Assertions.assertTrue(ms < timeoutMs, "the 503 took " + ms + " ms; the function times out at " + timeoutMs);
        }
        given().contentType("application/json").body("{\"customerIds\":[\"12347\"]}")
                .when().post("/campaigns/scores")
                .then().statusCode(503).body("error", is("DEPENDENCY_UNAVAILABLE"));
    }
}
