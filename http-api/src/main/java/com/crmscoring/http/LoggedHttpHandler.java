package com.crmscoring.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.crmscoring.scoring.config.ScoringFactory;
import com.crmscoring.scoring.observe.InvocationLog;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler;
import io.quarkus.arc.Arc;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The HTTP API's Lambda handler (template.yaml's {@code Handler}): Quarkus's own, with one
 * {@link InvocationLog} line around each request. The outcome is read from the answer API Gateway
 * gets: {@code ok} below 400, else the {@link ApiError} code ({@code error}) of its body ({@code HTTP_<status>}
 * when the body has none). It sits outside Quarkus REST because only the handler is given
 * Lambda's context and so the request id. It does not implement {@code RequestStreamHandler}:
 * the runtime interface client calls a method of that signature by name, while Quarkus's Lambda
 * extension would take a second declared handler for a conflict with its own.
 */
public class LoggedHttpHandler {

    private static final JsonFactory JSON = new JsonFactory();

    private final QuarkusStreamHandler quarkus = new QuarkusStreamHandler();
    private ScoringFactory scoring;

    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        long start = InvocationLog.begin(context == null ? null : context.getAwsRequestId());
        String outcome = "INTERNAL_ERROR";
        try {
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            quarkus.handleRequest(input, answer, context);
            outcome = outcome(answer.toByteArray());
            answer.writeTo(output);
        } finally {
            ScoringFactory graph = scoring();
            InvocationLog.end("http-api", graph.modelVersions(), outcome, start, graph.scoreMetrics());
        }
    }

    /** {@code ok}, or the error code of a 4xx/5xx answer, read without binding the (possibly large) body. */
    static String outcome(byte[] answer) throws IOException {
        int status = 0;
        String body = null;
        try (JsonParser p = JSON.createParser(answer)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return "INTERNAL_ERROR";
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if ("statusCode".equals(field) && value.isNumeric()) {
                    status = p.getIntValue();
                } else if ("body".equals(field) && value == JsonToken.VALUE_STRING) {
                    body = p.getText();
                } else {
                    p.skipChildren();
                }
            }
        }
        if (status > 0 && status < 400) {
            return InvocationLog.OK;
        }
        return body == null ? "HTTP_" + status : errorCode(body, status);
    }

    private static String errorCode(String body, int status) throws IOException {
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    JsonToken value = p.nextToken();
                    if ("error".equals(field) && value == JsonToken.VALUE_STRING) {
                        return p.getText();
                    }
                    p.skipChildren();
                }
            }
        } catch (com.fasterxml.jackson.core.JsonParseException e) {
            // A body that is not JSON (none of ours): the status says enough.
        }
        return "HTTP_" + status;
    }

    private ScoringFactory scoring() {
        if (scoring == null) {
            scoring = Arc.container().instance(ScoringFactory.class).get();
        }
        return scoring;
    }
}
