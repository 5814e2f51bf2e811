package com.crmscoring.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a packaged function's captured log as an operator's log search would, for the tests that
 * hold the logs to their promise: every line a JSON object (but the one the JVM prints before any
 * logging exists), and no line holding a personal value the function was sent.
 */
public final class LogLines {

    /** Request fields whose values are personal or identify a customer or an order. */
    public static final Set<String> PERSONAL_FIELDS = Set.of("customerid", "customerids", "orderid", "stockcode", "description",
            "email");
    /** Lines the JVM itself writes before any logging is set up; everything else must be JSON. */
    private static final List<String> JVM_LINES = List.of("Picked up JAVA_TOOL_OPTIONS:");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** In JSON cut short: the first value of an id field, and any e-mail address. */
    private static final Pattern CUT_SHORT = Pattern.compile("\"(?:customerIds?|orderId)\"\\s*:\\s*\\[?\\s*\"([^\"]+)\"|([\\w.+-]+@[\\w.-]+)");

    private LogLines() {
    }

    /**
     * Every line of {@code log} as JSON.
     *
     * @throws AssertionError for a line that is not a JSON object, or whose strings hold one of
     *                        {@code personal} as a whole word
     */
    public static List<JsonNode> read(Path log, Set<String> personal) throws IOException {
        List<Pattern> patterns = personal.stream()
                .map(v -> Pattern.compile("(?<![\\p{Alnum}])" + Pattern.quote(v) + "(?![\\p{Alnum}])")).toList();
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            if (line.isBlank() || JVM_LINES.stream().anyMatch(line::startsWith)) {
                continue;
            }
            JsonNode json;
            try {
                json = JSON.readTree(line);
            } catch (JsonProcessingException e) {
                throw new AssertionError(log.getFileName() + ": a log line is not JSON: " + line, e);
            }
            if (json == null || !json.isObject()) {
                throw new AssertionError(log.getFileName() + ": a log line is not a JSON object: " + line);
            }
            String strings = strings(json);
            for (int i = 0; i < patterns.size(); i++) {
                if (patterns.get(i).matcher(strings).find()) {
                    throw new AssertionError(log.getFileName() + " holds a value it was sent (" + personal.toArray()[i] + "): " + line);
                }
            }
            out.add(json);
        }
        return out;
    }

    /** The values of personal fields anywhere in a request: JSON inside strings (bodies) and DynamoDB's {"S": …} included. */
    public static void personalValues(String request, Set<String> into) {
        try {
            walk(JSON.readTree(request), false, into);
        } catch (JsonProcessingException e) {
            // JSON cut short: its ids by pattern, as a reader of the raw text would find them.
            Matcher m = CUT_SHORT.matcher(request);
            while (m.find()) {
                into.add(m.group(1) != null ? m.group(1) : m.group(2));
            }
        }
    }

    private static void walk(JsonNode node, boolean personal, Set<String> into) {
        if (node.isValueNode()) {
            String text = node.asText();
            if (personal && !text.isBlank()) {
                into.add(text);
            } else if (node.isTextual() && (text.startsWith("{") || text.startsWith("["))) {
                personalValues(text, into);
            }
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            walk(field.getValue(), personal || PERSONAL_FIELDS.contains(field.getKey().toLowerCase(Locale.ROOT)), into);
        }
        if (node.isArray()) {
            node.forEach(child -> walk(child, personal, into));
        }
    }

    /** Every string of a JSON line (numbers such as the process id are not request values). */
    private static String strings(JsonNode node) {
        StringBuilder out = new StringBuilder();
        collect(node, out);
        return out.toString();
    }

    private static void collect(JsonNode node, StringBuilder out) {
        if (node.isTextual()) {
            out.append(node.asText()).append('\n');
        }
        node.forEach(child -> collect(child, out));
    }
}
