package com.crmscoring.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * API Gateway's HTTP API on 127.0.0.1, in front of the packaged functions: what
 * {@code sam local start-api} does, without Docker. The routes are template.yaml's {@code HttpApi}
 * events, each sent to the function that declares it; a request becomes the payload format 2.0
 * event API Gateway sends (the shape of {@code events/http-api/}), the function's answer becomes the
 * HTTP response. A path no route matches gets API Gateway's own 404, a function error its 500.
 *
 * <p>What differs from the deployed API, on purpose: no JWT authorizer (the event carries no
 * claims, and nothing checks a token), no throttling, no access log, and each function is one
 * process serving one request at a time (a deployed function scales to many containers).
 */
public final class LocalHttpApi implements AutoCloseable {

    /**
     * One route: {@code METHOD /path/{param}}, the template's function behind it and that
     * function's handler; {@code pattern} matches a raw path, one group per name in {@code params}.
     */
    public record Route(String method, String path, String function, String handler, Pattern pattern, List<String> params) {

        static Route of(String method, String path, String function, String handler) {
            List<String> names = new ArrayList<>();
            StringBuilder regex = new StringBuilder();
            Matcher m = Pattern.compile("\\{([^}]+)}").matcher(path);
            int last = 0;
            while (m.find()) {
                regex.append(Pattern.quote(path.substring(last, m.start()))).append("([^/]+)");
                names.add(m.group(1));
                last = m.end();
            }
            regex.append(Pattern.quote(path.substring(last)));
            return new Route(method, path, function, handler, Pattern.compile(regex.toString()), List.copyOf(names));
        }

        String routeKey() {
            return method + " " + path;
        }

        /** The path parameters when {@code rawPath} matches, else null. */
        Map<String, String> match(String rawPath) {
            Matcher p = pattern.matcher(rawPath);
            if (!p.matches()) {
                return null;
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 0; i < params.size(); i++) {
                values.put(params.get(i), URLDecoder.decode(p.group(i + 1).replace("+", "%2B"), StandardCharsets.UTF_8));
            }
            return values;
        }
    }

    /** What API Gateway answers when no route matches. */
    private static final String NOT_FOUND = "{\"message\":\"Not Found\"}";
    /** What API Gateway answers when the function fails or gives no valid answer. */
    private static final String INTERNAL_ERROR = "{\"message\":\"Internal Server Error\"}";
    /** API Gateway's integration timeout for HTTP APIs. */
    private static final long TIMEOUT_SECONDS = 30;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter REQUEST_TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final List<Route> routes;
    private final Map<String, PackagedLambda> functions;
    private final Map<String, Path> pages;
    private final HttpServer server;
    private final ExecutorService executor;

    private LocalHttpApi(List<Route> routes, Map<String, PackagedLambda> functions, Map<String, Path> pages, HttpServer server,
                         ExecutorService executor) {
        this.routes = routes;
        this.functions = functions;
        this.pages = pages;
        this.server = server;
        this.executor = executor;
    }

    /**
     * Every {@code HttpApi} event of template.yaml, with the logical id and handler of the function
     * declaring it (its own Handler, else the Globals').
     *
     * @param projectRoot the folder holding template.yaml
     */
    public static List<Route> routes(Path projectRoot) {
        try {
            JsonNode template = new ObjectMapper(new YAMLFactory()).readTree(projectRoot.resolve("template.yaml").toFile());
            String globalHandler = template.path("Globals").path("Function").path("Handler").asText();
            List<Route> out = new ArrayList<>();
            template.path("Resources").properties().forEach(resource -> {
                JsonNode properties = resource.getValue().path("Properties");
                String handler = properties.path("Handler").asText(globalHandler);
                properties.path("Events").forEach(event -> {
                    if ("HttpApi".equals(event.path("Type").asText())) {
                        JsonNode p = event.path("Properties");
                        out.add(Route.of(p.path("Method").asText().toUpperCase(Locale.ROOT), p.path("Path").asText(), resource.getKey(),
                                handler));
                    }
                });
            });
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Serves the routes on 127.0.0.1.
     *
     * @param functions a started function process for every function the routes name, by logical id
     * @param pages     local-only pages served on GET as they are, by path (the dashboard); none
     *                  of them may shadow a route
     * @param port      the port, or 0 for any free one
     */
    public static LocalHttpApi start(List<Route> routes, Map<String, PackagedLambda> functions, Map<String, Path> pages, int port)
            throws IOException {
        for (Route r : routes) {
            if (!functions.containsKey(r.function())) {
                throw new IllegalArgumentException("no function process for " + r.function() + " (route " + r.routeKey() + ")");
            }
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        ExecutorService executor = Executors.newFixedThreadPool(4);
        server.setExecutor(executor);
        LocalHttpApi api = new LocalHttpApi(List.copyOf(routes), Map.copyOf(functions), Map.copyOf(pages), server, executor);
        server.createContext("/", api::handle);
        server.start();
        return api;
    }

    /** The port it listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String rawPath = exchange.getRequestURI().getRawPath();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Path page = pages.get(rawPath);
            if (page != null && method.equals("GET")) {
                send(exchange, 200, Map.of("content-type", List.of(rawPath.endsWith(".json") ? "application/json" : "text/html; charset=utf-8")),
                        Files.readAllBytes(page));
                return;
            }
            for (Route route : routes) {
                Map<String, String> params = route.method().equals(method) ? route.match(rawPath) : null;
                if (params != null) {
                    forward(exchange, route, params, body);
                    return;
                }
            }
            send(exchange, 404, Map.of("content-type", List.of("application/json")), NOT_FOUND.getBytes(StandardCharsets.UTF_8));
        }
    }

    private void forward(HttpExchange exchange, Route route, Map<String, String> params, byte[] body) throws IOException {
        String event = event(exchange, route, params, body);
        PackagedLambda function = functions.get(route.function());
        RuntimeApiServer.Answer answer;
        try {
            // One container serves one request at a time, as on Lambda.
            synchronized (function) {
                answer = function.invoke(event, TIMEOUT_SECONDS);
            }
        } catch (Exception | AssertionError e) {
            send(exchange, 503, Map.of("content-type", List.of("application/json")),
                    "{\"message\":\"Service Unavailable\"}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (answer.error()) {
            send(exchange, 500, Map.of("content-type", List.of("application/json")), INTERNAL_ERROR.getBytes(StandardCharsets.UTF_8));
            return;
        }
        JsonNode response;
        try {
            response = JSON.readTree(answer.body());
        } catch (IOException e) {
            send(exchange, 500, Map.of("content-type", List.of("application/json")), INTERNAL_ERROR.getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (!response.isObject() || !response.has("statusCode")) {
            // Payload 2.0: an answer without a status code is the body of a 200.
            send(exchange, 200, Map.of("content-type", List.of("application/json")), answer.body().getBytes(StandardCharsets.UTF_8));
            return;
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        response.path("headers").properties().forEach(h -> headers.computeIfAbsent(h.getKey().toLowerCase(Locale.ROOT),
                k -> new ArrayList<>()).add(h.getValue().asText()));
        response.path("multiValueHeaders").properties().forEach(h -> h.getValue().forEach(v ->
                headers.computeIfAbsent(h.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(v.asText())));
        response.path("cookies").forEach(c -> headers.computeIfAbsent("set-cookie", k -> new ArrayList<>()).add(c.asText()));
        String text = response.path("body").asText("");
        byte[] out = response.path("isBase64Encoded").asBoolean() ? Base64.getDecoder().decode(text) : text.getBytes(StandardCharsets.UTF_8);
        send(exchange, response.path("statusCode").asInt(500), headers, out);
    }

    /** The payload format 2.0 event API Gateway would send for this request. */
    private static String event(HttpExchange exchange, Route route, Map<String, String> params, byte[] body) {
        ObjectNode e = JSON.createObjectNode();
        String rawPath = exchange.getRequestURI().getRawPath();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        e.put("version", "2.0").put("routeKey", route.routeKey()).put("rawPath", rawPath).put("rawQueryString", rawQuery == null ? "" : rawQuery);
        ObjectNode headers = e.putObject("headers");
        List<String> cookies = new ArrayList<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("cookie")) {
                values.forEach(v -> cookies.addAll(List.of(v.split(";\\s*"))));
            } else {
                headers.put(lower, String.join(",", values));
            }
        });
        if (!cookies.isEmpty()) {
            cookies.forEach(e.putArray("cookies")::add);
        }
        if (rawQuery != null && !rawQuery.isEmpty()) {
            Map<String, List<String>> query = new LinkedHashMap<>();
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                try {
                    query.computeIfAbsent(decode(eq < 0 ? pair : pair.substring(0, eq)), k -> new ArrayList<>())
                            .add(eq < 0 ? "" : decode(pair.substring(eq + 1)));
                } catch (IllegalArgumentException malformed) {
                    // API Gateway passes a malformed escape on in rawQueryString only.
                }
            }
            ObjectNode q = e.putObject("queryStringParameters");
            query.forEach((k, v) -> q.put(k, String.join(",", v)));
        }
        String requestId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        ObjectNode context = e.putObject("requestContext");
        context.put("accountId", "000000000000").put("apiId", "local").put("domainName", "localhost").put("domainPrefix", "localhost");
        context.putObject("http").put("method", route.method()).put("path", rawPath).put("protocol", exchange.getProtocol())
                .put("sourceIp", exchange.getRemoteAddress().getAddress().getHostAddress())
                .put("userAgent", exchange.getRequestHeaders().getFirst("User-Agent") == null ? ""
                        : exchange.getRequestHeaders().getFirst("User-Agent"));
        context.put("requestId", requestId).put("routeKey", route.routeKey()).put("stage", "$default")
                .put("time", REQUEST_TIME.format(now)).put("timeEpoch", now.toEpochMilli());
        if (!params.isEmpty()) {
            ObjectNode p = e.putObject("pathParameters");
            params.forEach(p::put);
        }
        if (body.length > 0) {
            String text = utf8(body);
            // API Gateway base64-encodes what is not text.
            e.put("body", text != null ? text : Base64.getEncoder().encodeToString(body)).put("isBase64Encoded", text == null);
        } else {
            e.put("isBase64Encoded", false);
        }
        return e.toString();
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** The body as text when it is valid UTF-8, else null. */
    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static void send(HttpExchange exchange, int status, Map<String, List<String>> headers, byte[] body) throws IOException {
        headers.forEach((name, values) -> values.forEach(v -> exchange.getResponseHeaders().add(name, v)));
        exchange.getResponseHeaders().set("apigw-requestid", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** Stops serving; the function processes are the caller's to stop. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
