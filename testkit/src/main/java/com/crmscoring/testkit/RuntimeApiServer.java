package com.crmscoring.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The Lambda Runtime API (2018-06-01) as a function process sees it, on 127.0.0.1: it hands out
 * one queued event per {@code /invocation/next} and records what the function posts back. Only
 * what a runtime client calls is served; this stands in for the Lambda service, not for the
 * function. A server serves one function process, for as many invocations as it is given.
 */
public final class RuntimeApiServer implements AutoCloseable {

    /** What the function answered: a response body, or an error body. */
    public record Answer(boolean error, String body) {
    }

    private static final String BASE = "/2018-06-01/runtime";
    /** Queued on close: wakes the runtime client's pending /next so the server can stop at once. */
    private static final String CLOSED = "\u0000closed";

    private final HttpServer server;
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private volatile CompletableFuture<Answer> answer = new CompletableFuture<>();
    private volatile String initError;
    private volatile long firstPollNanos;

    public RuntimeApiServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(BASE + "/invocation/next", this::next);
        server.createContext(BASE + "/invocation/", this::result);
        server.createContext(BASE + "/init/error", exchange -> {
            initError = read(exchange);
            respond(exchange, 202, "{}");
        });
        server.start();
    }

    /** host:port, the value of AWS_LAMBDA_RUNTIME_API. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * When the function first asked for an event, on {@link System#nanoTime()}'s clock: the end
     * of its init phase (what Lambda reports as Init Duration), or 0 before that.
     */
    public long firstPollNanos() {
        return firstPollNanos;
    }

    /** Queues one event and waits for the function's answer. */
    public Answer invoke(String event, long timeoutSeconds) throws Exception {
        answer = new CompletableFuture<>();
        events.put(event);
        try {
            return answer.get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no answer within " + timeoutSeconds + " s" + (initError == null ? "" : "; init error: " + initError), e);
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        if (firstPollNanos == 0) {
            firstPollNanos = System.nanoTime();
        }
        String event;
        try {
            // As Lambda does, the poll waits until there is an event, however long the function
            // idles (the local API may wait hours for its next request); close() ends it.
            event = events.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (event == CLOSED) {
            respond(exchange, 500, "{}");
            return;
        }
        exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", "req-" + System.nanoTime());
        exchange.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + 60_000));
        exchange.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:us-east-1:000000000000:function:crm-test");
        exchange.getResponseHeaders().add("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000;Sampled=0");
        respond(exchange, 200, event);
    }

    private void result(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body = read(exchange);
        respond(exchange, 202, "{}");
        answer.complete(new Answer(path.endsWith("/error"), body));
    }

    private static String read(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        events.offer(CLOSED);
        server.stop(0);
    }
}
