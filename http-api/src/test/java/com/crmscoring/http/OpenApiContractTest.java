package com.crmscoring.http;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.crmscoring.testkit.DynamoDbLocalResource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * openapi.yaml held to the running API: every example in it is sent through the Lambda event
 * path, and the answer must have the example's status, a status the operation documents, and a
 * body that matches the documented schema. The routes of the file, of the code and of
 * template.yaml must be the same set.
 */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalResource.class)
class OpenApiContractTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Statuses no request to the function can produce: API Gateway's 401, and a down dependency (DependencyDownTest). */
    private static final Set<String> NOT_FROM_A_REQUEST = Set.of("401", "503");
    private static final List<Class<?>> RESOURCES = List.of(CustomerResource.class, OrderResource.class, CampaignResource.class,
            PrivacyResource.class);

    private static JsonNode spec;
    private static SchemaCheck schemas;

    @BeforeAll
    static void read() throws IOException {
        spec = YAML.readTree(java.nio.file.Path.of("openapi.yaml").toFile());
        schemas = new SchemaCheck(spec);
    }

    @Test
    void theFileTheCodeAndTheTemplateHaveTheSameRoutes() throws IOException {
        Set<String> inSpec = new TreeSet<>();
        spec.path("paths").properties().forEach(p -> p.getValue().fieldNames()
                .forEachRemaining(m -> inSpec.add(m.toUpperCase() + " " + p.getKey())));
        Set<String> inCode = new TreeSet<>();
        for (Class<?> resource : RESOURCES) {
            String base = resource.getAnnotation(Path.class).value();
            for (Method m : resource.getDeclaredMethods()) {
                String verb = m.isAnnotationPresent(POST.class) ? "POST" : m.isAnnotationPresent(GET.class) ? "GET"
                        : m.isAnnotationPresent(PUT.class) ? "PUT" : m.isAnnotationPresent(DELETE.class) ? "DELETE" : null;
                if (verb != null) {
                    Path sub = m.getAnnotation(Path.class);
                    inCode.add(verb + " " + base + (sub == null ? "" : sub.value()));
                }
            }
        }
        JsonNode template = YAML.readTree(java.nio.file.Path.of("../template.yaml").toFile());
        Set<String> inTemplate = new TreeSet<>();
        for (String function : List.of("HttpApiFunction", "PrivacyApiFunction")) {
            template.path("Resources").path(function).path("Properties").path("Events").forEach(e -> {
                assertEquals("HttpApi", e.path("Type").asText());
                assertTrue(inTemplate.add(e.path("Properties").path("Method").asText() + " " + e.path("Properties").path("Path").asText()),
                        "a route served by two functions");
            });
        }
        assertFalse(inSpec.isEmpty());
        assertEquals(inSpec, inCode, "openapi.yaml against the JAX-RS resources");
        assertEquals(inSpec, inTemplate, "openapi.yaml against template.yaml's HttpApi events");
        assertEquals("ShopJwt", template.path("Resources").path("ShopApi").path("Properties").path("Auth").path("DefaultAuthorizer").asText(),
                "every route is behind the JWT authorizer");
    }

    @TestFactory
    Stream<DynamicTest> everyExampleGetsItsDocumentedAnswer() {
        assumeTrue(DynamoDbLocalResource.realDataPresent(), "the examples use real customers of the public data");
        List<DynamicTest> tests = new ArrayList<>();
        spec.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            JsonNode operation = op.getValue();
            Set<String> exercised = new TreeSet<>();
            for (Map.Entry<String, JsonNode> example : examples(operation)) {
                String name = operation.path("operationId").asText() + " / " + example.getKey();
                exercised.add(example.getValue().path("x-status").asText());
                tests.add(DynamicTest.dynamicTest(name, () -> check(op.getKey(), path.getKey(), operation, example.getValue())));
            }
            tests.add(DynamicTest.dynamicTest(operation.path("operationId").asText() + " / every status has an example", () -> {
                Set<String> documented = new TreeSet<>();
                operation.path("responses").fieldNames().forEachRemaining(documented::add);
                documented.removeAll(NOT_FROM_A_REQUEST);
                documented.remove("415"); // any JSON operation with a text/plain body: HttpApiTest
                assertTrue(exercised.containsAll(documented), "documented " + documented + ", exercised " + exercised);
            }));
        }));
        return tests.stream();
    }

    /** The examples of the path and query parameters, or of the request body. */
    private static List<Map.Entry<String, JsonNode>> examples(JsonNode operation) {
        List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
        for (JsonNode parameter : operation.path("parameters")) {
            schemas.resolve(parameter).path("examples").properties().forEach(out::add);
        }
        operation.path("requestBody").path("content").path("application/json").path("examples").properties().forEach(out::add);
        assertFalse(out.isEmpty(), operation.path("operationId") + " has no example");
        return out;
    }

    private static void check(String method, String pathTemplate, JsonNode operation, JsonNode example) throws IOException {
        RequestSpecification request = given();
        String path = pathTemplate;
        if (example.has("x-customer-id")) {
            // An example of the asOf query parameter, for the customer it names.
            path = pathTemplate.replace("{customerId}", example.path("x-customer-id").asText());
            request = request.queryParam("asOf", example.path("value").asText());
        } else if (operation.has("parameters")) {
            path = pathTemplate.replace("{customerId}", example.path("value").asText());
        } else {
            request = request.contentType("application/json").body(body(example));
        }
        Response response = request.when().request(method.toUpperCase(java.util.Locale.ROOT), path);
        String status = Integer.toString(response.statusCode());
        assertEquals(example.path("x-status").asText(), status, response.asString());
        JsonNode documented = schemas.resolve(operation.path("responses").path(status));
        assertFalse(documented.isMissingNode(), status + " is not documented for " + pathTemplate);
        JsonNode schema = documented.path("content").path("application/json").path("schema");
        assertFalse(schema.isMissingNode(), "the " + status + " answer of " + pathTemplate + " has no schema");
        List<String> violations = schemas.violations(schema, JSON.readTree(response.asString()));
        assertTrue(violations.isEmpty(), violations + " in " + response.asString());
    }

    private static String body(JsonNode example) throws IOException {
        if (example.has("x-generate-ids")) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < example.get("x-generate-ids").asInt(); i++) {
                ids.add("C" + i);
            }
            return JSON.writeValueAsString(Map.of("customerIds", ids));
        }
        if (example.has("x-generate-lines")) {
            List<Map<String, Object>> lines = new ArrayList<>();
            for (int i = 0; i < example.get("x-generate-lines").asInt(); i++) {
                lines.add(Map.of("stockCode", "85123A", "quantity", 1, "unitPrice", 2.55));
            }
            return JSON.writeValueAsString(Map.of("customerId", "12347", "order",
                    Map.of("orderId", "WEB-4", "orderedAt", "2011-12-09T10:15:00Z", "lines", lines)));
        }
        return example.path("x-raw").asBoolean() ? example.path("value").asText() : JSON.writeValueAsString(example.path("value"));
    }

    @Test
    void theEventFilesAreRoutesOfTheFile() throws IOException {
        try (Stream<java.nio.file.Path> files = Files.list(java.nio.file.Path.of("../events/http-api"))) {
            for (java.nio.file.Path file : files.toList()) {
                String routeKey = JSON.readTree(file.toFile()).path("routeKey").asText();
                String[] parts = routeKey.split(" ", 2);
                assertTrue(spec.path("paths").path(parts[1]).has(parts[0].toLowerCase()), file + ": " + routeKey);
            }
        }
    }
}
