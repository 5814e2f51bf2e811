package com.crmscoring.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.crmscoring.testkit.DynamoDbLocalResource;
import com.crmscoring.testkit.HostileJson;
import com.crmscoring.testkit.PackagedLambda;
import com.crmscoring.testkit.RuntimeApiServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The packaged HTTP API (the real function.zip, under the real Lambda runtime interface client,
 * against DynamoDB Local) fed what a hostile client would send, property by property: valid
 * requests with one value replaced by something hostile, keys given twice, bodies of random text
 * and random bytes, any method on any path, any Content-Type. Whatever comes in, the answer is a
 * documented status with the one error body, never echoes what was sent, and comes within a
 * bound; and a valid request still succeeds afterwards. jqwik shrinks a failing case to a
 * minimal one, which then belongs in HttpApiTest as a regression test.
 *
 * <p>Tries per property: {@code fuzz.tries} in the parent pom (750 in the build), or more with
 * {@code -Dfuzz.tries=20000} for a longer local run.
 */
class HttpApiFuzzIT {

    /** Statuses the contract documents for the function itself (401 is API Gateway's, 503 needs an outage). */
    private static final Set<Integer> DOCUMENTED = Set.of(200, 400, 404, 405, 413, 415);
    /** Seconds within which every answer must come (the deployed timeout is 10 s). */
    private static final long BOUND_SECONDS = 10;
    private static final ObjectMapper JSON = HostileJson.JSON;
    private static final String MARK = HostileJson.MARK;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /**
     * Hangs that the same request on a fresh function did not repeat, allowed per run. One such
     * hang was seen in about 18,000 fuzzed requests (a CI rehearsal, 2026-12-01): the request sat
     * in Quarkus's Lambda HTTP handler, which waits for its virtual channel's answer without a
     * limit, and the same request answered at once in a rerun and in 28,000 more under load. An
     * input that hangs a fresh function too fails the property at once; a second transient hang
     * in one run fails it as well. Each hang leaves the function's thread dump in target/.
     */
    private static final int TRANSIENT_HANGS_ALLOWED = 1;
    private static final Path UNPACKED = Path.of("target/fuzz-function");

    private static DynamoDbLocalResource local;
    private static Map<String, String> dynamo;
    private static PackagedLambda lambda;
    private static int transientHangs;

    @BeforeContainer
    static void start() throws Exception {
        PackagedLambda.unpack(Path.of("target/function.zip"), UNPACKED);
        local = new DynamoDbLocalResource();
        dynamo = local.start();
        lambda = startFunction();
    }

    private static PackagedLambda startFunction() throws Exception {
        return PackagedLambda.startAsDeployed(UNPACKED, PackagedLambda.HTTP_HANDLER, "crm-http-api-fuzz", dynamo, Map.of());
    }

    @AfterContainer
    static void stop() throws Exception {
        try {
            // After everything the properties sent, the API still answers a valid request.
            JsonNode ok = send(new Request("POST", "/orders/fraud-check", "application/json", validBody("/orders/fraud-check"), false));
            assertEquals(200, ok.path("statusCode").asInt(), ok.toString());
        } finally {
            if (lambda != null) {
                lambda.close();
            }
            if (local != null) {
                local.stop();
            }
        }
    }

    /** A request as API Gateway hands it over. */
    record Request(String method, String path, String contentType, String body, boolean base64) {
    }

    // ------------------------------------------------------------------ properties

    @Property
    void aValidRequestWithOneHostileValue(@ForAll("routes") String route, @ForAll("hostile") HostileJson.Value value,
                                          @ForAll("places") List<Integer> where) throws Exception {
        JsonNode body = JSON.readTree(validBody(route));
        HostileJson.plant(body, value.node(), where);
        check(new Request("POST", route, "application/json", JSON.writeValueAsString(body), false));
    }

    @Property
    void aValidRequestWithAKeyGivenTwice(@ForAll("routes") String route, @ForAll("hostile") HostileJson.Value first) throws Exception {
        check(new Request("POST", route, "application/json", HostileJson.withFirstKeyTwice(validBody(route), first.node()), false));
    }

    @Property
    void bodiesOfRandomTextOrBytes(@ForAll("routes") String route, @ForAll("noise") Request noise) throws Exception {
        check(new Request("POST", route, noise.contentType(), noise.body(), noise.base64()));
    }

    @Property
    void anyMethodOnAnyPathWithAnyContentType(@ForAll("methods") String method, @ForAll("anyPath") String path,
                                              @ForAll("contentTypes") String contentType) throws Exception {
        check(new Request(method, path, contentType, method.equals("GET") ? null : validBody("/orders/fraud-check"), false));
    }

    /** The routes whose only inputs are the path's id and the query's {@code asOf}. */
    @Property
    void aCustomerRouteWithAHostileQuery(@ForAll("customerRoutes") String route, @ForAll("queries") String query) throws Exception {
        check(new Request("POST", route + "?" + query, null, null, false));
    }

    // ------------------------------------------------------------------ what every answer must be

    private static void check(Request request) throws Exception {
        JsonNode response = send(request);
        int status = response.path("statusCode").asInt();
        String body = response.path("body").asText("");
        assertTrue(DOCUMENTED.contains(status), status + " is not a documented status: " + response);
        if (request.method().equals("OPTIONS")) {
            assertTrue(status == 404 || status == 405, "OPTIONS: no CORS, so 404 or 405: " + status);
        }
        if (status == 400 && body.isEmpty() && !percentEncoded(request.path())) {
            return;   // the README's one exception: Quarkus refuses such a URI before the application, with no body
        }
        if (status != 200) {
            JsonNode error = JSON.readTree(body);
            assertTrue(error.path("error").isTextual() && error.path("message").isTextual(), "not the error body: " + body);
        }
        assertFalse(body.contains(MARK) || body.contains("SECRET"), "a submitted value is echoed: " + body);
        assertFalse(body.contains("at java.") || body.contains("Exception"), "a stack trace or exception name: " + body);
    }

    /** Whether every '%' of the path and query starts an escape of two hex digits. */
    private static boolean percentEncoded(String target) {
        for (int i = target.indexOf('%'); i >= 0; i = target.indexOf('%', i + 3)) {
            if (i + 2 >= target.length() || Character.digit(target.charAt(i + 1), 16) < 0 || Character.digit(target.charAt(i + 2), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private static JsonNode send(Request r) throws Exception {
        ObjectNode event = NODES.objectNode();
        event.put("version", "2.0");
        event.put("routeKey", "$default");
        int q = r.path().indexOf('?');
        String path = q < 0 ? r.path() : r.path().substring(0, q);
        event.put("rawPath", path);
        event.put("rawQueryString", q < 0 ? "" : r.path().substring(q + 1));
        ObjectNode headers = event.putObject("headers");
        if (r.contentType() != null) {
            headers.put("content-type", r.contentType());
        }
        ObjectNode http = event.putObject("requestContext").put("requestId", "fuzz").put("stage", "$default")
                .putObject("http");
        http.put("method", r.method()).put("path", path).put("protocol", "HTTP/1.1").put("sourceIp", "192.0.2.1");
        event.put("isBase64Encoded", r.base64());
        if (r.body() != null) {
            event.put("body", r.body());
        }
        RuntimeApiServer.Answer answer;
        try {
            answer = lambda.invoke(JSON.writeValueAsString(event), BOUND_SECONDS);
        } catch (AssertionError hang) {
            Path dump = lambda.dumpThreads(Path.of("target", "fuzz-http-api-hang-" + (transientHangs + 1) + "-threads.txt"));
            lambda.close();
            lambda = startFunction();
            // The same request to a fresh function: a hang here is the input's doing, and fails the property.
            answer = lambda.invoke(JSON.writeValueAsString(event), BOUND_SECONDS);
            transientHangs++;
            System.err.println("HttpApiFuzzIT: " + r.method() + " " + r.path() + " hung once and answered on a fresh function; threads: "
                    + dump);
            assertTrue(transientHangs <= TRANSIENT_HANGS_ALLOWED, transientHangs + " transient hangs in one run; threads in " + dump);
        }
        assertFalse(answer.error(), "the function failed instead of answering: " + answer.body());
        assertTrue(answer.body().length() < 6 * 1024 * 1024, "an answer beyond Lambda's 6 MB response limit");
        return JSON.readTree(answer.body());
    }

    // ------------------------------------------------------------------ generators

    private static final List<String> ROUTES = List.of("/orders/fraud-check", "/campaigns/scores");

    @Provide
    Arbitrary<String> routes() {
        return Arbitraries.of(ROUTES);
    }

    private static String validBody(String route) {
        return switch (route) {
            case "/campaigns/scores" -> "{\"customerIds\":[\"12347\",\"" + DynamoDbLocalResource.OPTED_OUT + "\",\"NO-SUCH\"],"
                    + "\"asOf\":\"2011-12-10T00:00:00Z\"}";
            default -> "{\"customerId\":\"12347\",\"order\":{\"orderId\":\"FUZZ-1\",\"orderedAt\":\"2011-12-09T10:15:00Z\","
                    + "\"country\":\"Iceland\",\"lines\":[{\"stockCode\":\"85123A\",\"description\":\"HEART\",\"quantity\":12,"
                    + "\"unitPrice\":2.55},{\"stockCode\":\"22423\",\"quantity\":2,\"unitPrice\":12.75}]}}";
        };
    }

    @Provide
    Arbitrary<List<Integer>> places() {
        return HostileJson.places();
    }

    @Provide
    Arbitrary<HostileJson.Value> hostile() {
        return HostileJson.values();
    }

    @Provide
    Arbitrary<Request> noise() {
        Arbitrary<Request> text = Arbitraries.strings().all().ofMaxLength(300)
                .map(s -> new Request("POST", "/", "application/json", MARK + s, false));
        Arbitrary<Request> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(300)
                .map(b -> new Request("POST", "/", "application/json", Base64.getEncoder().encodeToString(b), true));
        Arbitrary<Request> invalidUtf8 = Arbitraries.of(new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xFF},
                        new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})
                .map(bad -> {
                    byte[] valid = validBody("/orders/fraud-check").replace("Iceland", "@").getBytes(StandardCharsets.UTF_8);
                    int at = new String(valid, StandardCharsets.UTF_8).indexOf('@');
                    byte[] out = new byte[valid.length - 1 + bad.length];
                    System.arraycopy(valid, 0, out, 0, at);
                    System.arraycopy(bad, 0, out, at, bad.length);
                    System.arraycopy(valid, at + 1, out, at + bad.length, valid.length - at - 1);
                    return new Request("POST", "/", "application/json", Base64.getEncoder().encodeToString(out), true);
                });
        return Arbitraries.oneOf(text, bytes, invalidUtf8);
    }

    @Provide
    Arbitrary<String> customerRoutes() {
        return Combinators.combine(Arbitraries.of("12347", DynamoDbLocalResource.OPTED_OUT, "NO-SUCH"),
                Arbitraries.of("scores", "churn", "segment", "lifetime-value", "offers")).as((id, what) -> "/customers/" + id + "/" + what);
    }

    /** {@code asOf} given a hostile value (URL-encoded, or raw), twice, empty, or beside other keys. */
    @Provide
    Arbitrary<String> queries() {
        Arbitrary<String> hostileText = HostileJson.values().map(v -> v.node().isTextual() ? v.node().asText() : HostileJson.write(v.node()))
                .map(t -> t.length() > 3_000 ? t.substring(0, 3_000) : t);
        Arbitrary<String> encoded = hostileText.map(t -> "asOf=" + URLEncoder.encode(t, StandardCharsets.UTF_8));
        // Raw: what may stand in a request line (API Gateway passes the query string as sent), stray '%' included.
        Arbitrary<String> raw = Arbitraries.strings().alpha().numeric().withChars("!$&'()*+,;=:@/?-._~%").ofMaxLength(60)
                .map(t -> "asOf=SECRET" + t);
        Arbitrary<String> fixed = Arbitraries.of("asOf=", "asOf", "asOf=2011-12-10T00:00:00Z&asOf=2012-01-01T00:00:00Z",
                "asOf=%ZZ", "asOf=2011-12-10T00%3A00%3A00Z", "x=" + MARK.replace(' ', '+'), "asOf=2100-01-01T00:00:00Z",
                "asOf=2011-06-01T00:00:00Z", "&&&", "asOf=%00");
        return Arbitraries.oneOf(encoded, raw, fixed);
    }

    @Provide
    Arbitrary<String> methods() {
        return Arbitraries.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");
    }

    @Provide
    Arbitrary<String> anyPath() {
        Arbitrary<String> ids = Arbitraries.oneOf(Arbitraries.of("12347", "NO-SUCH", "%20", "..", "a%2Fb", "x".repeat(100)),
                Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(70));
        Arbitrary<String> known = Combinators.combine(Arbitraries.of("/customers/%s/scores", "/customers/%s/churn",
                "/customers/%s/segment", "/customers/%s/lifetime-value", "/customers/%s/offers", "/privacy/customers/%s",
                "/privacy/customers/%s/profiling-objection"), ids).as(String::formatted);
        Arbitrary<String> fixed = Arbitraries.of("/orders/fraud-check", "/campaigns/scores", "/", "/nope", "/customers",
                "/customers/12347", "/orders", "/q/health", "/openapi");
        return Arbitraries.oneOf(known, fixed);
    }

    @Provide
    Arbitrary<String> contentTypes() {
        return Arbitraries.of("application/json", "application/json; charset=utf-8", "application/json; charset=UTF-16",
                "application/json; charset=latin1", "*/*", "text/plain", "application/x-www-form-urlencoded", "garbage", "");
    }
}
