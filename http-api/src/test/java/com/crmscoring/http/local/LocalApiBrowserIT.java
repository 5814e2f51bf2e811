package com.crmscoring.http.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.onnxruntime.OrtEnvironment;
import com.crmscoring.infra.load.RetailLoader;
import com.crmscoring.scoring.config.ScoringFactory;
import com.crmscoring.scoring.dashboard.CustomerBaseDashboard;
import com.crmscoring.scoring.dashboard.CustomerBaseReport;
import com.crmscoring.testkit.DynamoDbLocalResource;
import com.crmscoring.testkit.PackagedLambda;
import com.crmscoring.testkit.RuntimeApiServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The customer-base dashboard in a real browser (Debian's Chromium, headless, driven by
 * playwright-core: {@code src/test/browser/dashboard-check.mjs}), served by the local API, and the
 * local API's answer for a customer checked against the packaged Funqy function's. The oracle for
 * the save list is independent of the dashboard's code: the packaged {@code batchScore} function's
 * answers, with the rule the dashboard states applied here.
 *
 * <p>Skips, saying why, when Chromium, Node.js or playwright-core is absent ({@code .ci/run}
 * installs them), and when the packages or the public data are not built or present.
 */
class LocalApiBrowserIT {

    private static final Path BROWSER = Path.of("src/test/browser");
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    private static final Path HTTP_PACKAGE = Path.of("target/function.zip");
    private static final Path FUNQY_PACKAGE = Path.of("../functions/target/function.zip");
    private static final Instant AS_OF = Instant.parse("2011-12-10T00:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static DynamoDbLocalResource local;
    private static LocalApi api;
    private static PackagedLambda batchFunction;
    private static Path dashboard;
    private static List<String> customerIds;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.exists(HTTP_PACKAGE) && Files.exists(FUNQY_PACKAGE),
                "the packages are built by the package phase of both function modules; run ./mvnw verify");
        assumeTrue(DynamoDbLocalResource.realDataPresent(), "the public Online Retail data is absent");
        assumeTrue(Files.isExecutable(CHROMIUM), "no Chromium at " + CHROMIUM + ": the browser test needs Debian's chromium"
                + " package (apt-get install chromium; .ci/run installs it)");
        assumeTrue(Files.isDirectory(BROWSER.resolve("node_modules/playwright-core")), "playwright-core is not installed:"
                + " run npm ci in http-api/src/test/browser (.ci/run does)");
        assumeTrue(nodeRuns(), "Node.js (node) is not on the PATH: playwright-core needs it");

        local = new DynamoDbLocalResource();
        Map<String, String> config = local.start();
        String endpoint = config.get("quarkus.dynamodb.endpoint-override");
        try (DynamoDbClient dynamo = DynamoDbLocalResource.current().client()) {
            // About 440 real customers beside the fixtures (one of whom opted out): enough for every
            // segment, stage and band, and a save list.
            new RetailLoader(dynamo, DynamoDbLocalResource.TABLES, line -> { }).load(DynamoDbLocalResource.DATA, id -> id.endsWith("3"));
            customerIds = new ArrayList<>();
            dynamo.scanPaginator(b -> b.tableName(DynamoDbLocalResource.TABLES.profiles()).projectionExpression("customerId"))
                    .items().forEach(item -> customerIds.add(item.get("customerId").s()));
            customerIds.sort(null);
            try (ScoringFactory scoring = ScoringFactory.dynamoDb(dynamo, DynamoDbLocalResource.TABLES.profiles(),
                    DynamoDbLocalResource.TABLES.orders(), OrtEnvironment::getEnvironment,
                    ScoringFactory.Settings.defaults().withClock(Clock.fixed(AS_OF, ZoneOffset.UTC)))) {
                CustomerBaseReport report = CustomerBaseDashboard.compute(scoring, customerIds, AS_OF, AS_OF.minus(Duration.ofDays(90)));
                dashboard = CustomerBaseDashboard.write(report, Path.of("target/browser-test").toAbsolutePath());
            }
        }
        Path target = Path.of("target").toAbsolutePath();
        api = LocalApi.start(Path.of(".."), PackagedLambda.unpack(HTTP_PACKAGE, target.resolve("local-api-it-function")), endpoint,
                DynamoDbLocalResource.TABLES, AS_OF, dashboard.getParent(), target.resolve("browser-test"), 0);
        Map<String, String> env = PackagedLambda.deployedEnvironment(DynamoDbLocalResource.lambdaEnvironment(config), Path.of(".."),
                "crm-batch-score-it");
        env.put("QUARKUS_FUNQY_EXPORT", "batchScore");
        batchFunction = PackagedLambda.start(PackagedLambda.unpack(FUNQY_PACKAGE, target.resolve("funqy-it-function")),
                PackagedLambda.FUNQY_HANDLER, env, target.resolve("browser-test/batchScore.log"));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (batchFunction != null) {
            batchFunction.close();
        }
        if (api != null) {
            api.close();
        }
        if (local != null) {
            local.stop();
        }
    }

    @Test
    void theDashboardRendersServedAndOfflineAndTheLocalApiAnswersAsTheFunctionDoes() throws Exception {
        Map<String, JsonNode> byFunction = scoresFromTheFunction();
        List<String> expected = expectedSaveList(byFunction);
        assertFalse(expected.isEmpty(), "the test data should put someone on the save list");
        String customer = expected.get(0);

        Path screenshot = Path.of("target/browser-test/dashboard.png").toAbsolutePath();
        JsonNode result = browse("http://127.0.0.1:" + api.port(), dashboard, customer, screenshot);
        JsonNode served = result.path("served");
        JsonNode offline = result.path("offline");

        assertEquals(200, served.path("status").asInt());
        for (JsonNode page : List.of(served, offline)) {
            assertEquals(0, page.path("errors").size(), "console errors: " + page.path("errors"));
            Set<String> charts = new java.util.HashSet<>();
            for (JsonNode chart : page.path("charts")) {
                charts.add(chart.path("id").asText());
                assertTrue(chart.path("width").asDouble() > 100 && chart.path("height").asDouble() > 30, "chart not laid out: " + chart);
                assertTrue(chart.path("bars").asInt() > 0, "chart without bars: " + chart);
            }
            assertEquals(Set.of("chart-segments", "chart-risk-customers", "chart-value-at-risk", "chart-offers"), charts);
            assertEquals(expected, texts(page.path("saveList")), "the save list");
            assertFalse(texts(page.path("saveList")).contains(DynamoDbLocalResource.OPTED_OUT));
            assertEquals("1", page.path("kpis").path("kpi-opted-out").asText(), "the opted-out fixture is counted, not shown");
            assertEquals(AS_OF.toString(), page.path("asOf").asText());
        }
        // Offline means offline: the page asks for nothing but itself.
        assertEquals(List.of(dashboard.toUri().toString()), texts(offline.path("requests")));
        assertTrue(Files.size(screenshot) > 10_000, "the screenshot was written");

        // The same customer from the local API, fetched by the page, and from the Funqy function.
        JsonNode score = served.path("score");
        assertEquals(200, score.path("status").asInt(), score.toString());
        assertEquals(byFunction.get(customer), score.path("body"), "the local API and the Funqy function answer alike");
    }

    @Test
    void theLocalApiRoutesAsApiGatewayDoes() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + api.port();
        HttpResponse<String> unknownRoute = http.send(HttpRequest.newBuilder(URI.create(base + "/nowhere"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, unknownRoute.statusCode());
        assertEquals("{\"message\":\"Not Found\"}", unknownRoute.body(), "API Gateway's own answer: no function runs");

        HttpResponse<String> wrongMethod = http.send(HttpRequest.newBuilder(URI.create(base + "/customers/12347/churn")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, wrongMethod.statusCode(), "an HTTP API has no route for GET there");

        HttpResponse<String> unknownCustomer = http.send(HttpRequest.newBuilder(URI.create(base + "/customers/NO-SUCH-1/churn"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, unknownCustomer.statusCode());
        assertEquals("CUSTOMER_NOT_FOUND", JSON.readTree(unknownCustomer.body()).path("error").asText(), "the function's own error body");

        HttpResponse<String> fraud = http.send(HttpRequest.newBuilder(URI.create(base + "/orders/fraud-check"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofFile(Path.of("../events/fraud.json"))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, fraud.statusCode(), fraud.body());
        assertTrue(Set.of("APPROVE", "REVIEW", "DECLINE").contains(JSON.readTree(fraud.body()).path("decision").asText()));

        // A privacy route goes to the privacy function (its own process, as deployed).
        HttpResponse<String> objection = http.send(HttpRequest.newBuilder(URI.create(base + "/privacy/customers/"
                + DynamoDbLocalResource.PRIVACY + "/profiling-objection")).PUT(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, objection.statusCode(), objection.body());
        http.send(HttpRequest.newBuilder(URI.create(base + "/privacy/customers/" + DynamoDbLocalResource.PRIVACY + "/profiling-objection"))
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Every customer's overview from the packaged batchScore function, by id. */
    private static Map<String, JsonNode> scoresFromTheFunction() throws Exception {
        Map<String, JsonNode> out = new HashMap<>();
        for (int from = 0; from < customerIds.size(); from += 100) {
            ObjectNode request = JSON.createObjectNode().put("asOf", AS_OF.toString());
            customerIds.subList(from, Math.min(customerIds.size(), from + 100)).forEach(request.putArray("customerIds")::add);
            RuntimeApiServer.Answer answer = batchFunction.invoke(request.toString(), 120);
            assertFalse(answer.error(), answer.body());
            for (JsonNode entry : JSON.readTree(answer.body()).path("results")) {
                if ("SCORED".equals(entry.path("status").asText())) {
                    out.put(entry.path("customerId").asText(), entry.path("scores"));
                }
            }
        }
        return out;
    }

    /**
     * The save list by the rule the dashboard states: not opted out, with a purchase, a high or
     * medium churn band, the largest value at risk (forecast spend, negative as 0, times churn
     * probability) first, at most 25.
     */
    private static List<String> expectedSaveList(Map<String, JsonNode> scores) {
        record Candidate(String id, String band, double p, double spend) {
        }
        List<Candidate> included = new ArrayList<>();
        scores.forEach((id, s) -> {
            if ("SCORED".equals(s.path("churn").path("status").asText()) && s.path("segment").has("segmentId")) {
                included.add(new Candidate(id, s.path("churn").path("riskBand").asText(), s.path("churn").path("churnProbability").asDouble(),
                        Math.max(0, s.path("lifetimeValue").path("expectedSpend").asDouble())));
            }
        });
        return included.stream()
                .filter(c -> Set.of("high", "medium").contains(c.band()) && c.spend() * c.p() > 0)
                .sorted(Comparator.comparingDouble((Candidate c) -> c.spend() * c.p()).reversed().thenComparing(Candidate::id))
                .limit(25)
                .map(Candidate::id)
                .toList();
    }

    private static JsonNode browse(String base, Path page, String customer, Path screenshot) throws IOException, InterruptedException {
        Path out = Path.of("target/browser-test/browser.out").toAbsolutePath();
        Path err = Path.of("target/browser-test/browser.err").toAbsolutePath();
        Process p = new ProcessBuilder("node", "dashboard-check.mjs", base, page.toString(), customer, AS_OF.toString(), screenshot.toString())
                .directory(BROWSER.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the browser did not finish within 180 s; see " + err);
        }
        assertEquals(0, p.exitValue(), "the browser script failed: " + Files.readString(err));
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        return JSON.readTree(lines.get(lines.size() - 1));
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static boolean nodeRuns() {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
