package com.crmscoring.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * CloudWatch's embedded metric format, as its specification states it ("Specification: Embedded
 * metric format", CloudWatch User Guide), checked rule by rule: what a log line must be for
 * CloudWatch Logs to extract its metrics rather than drop them. Each rule is written as the
 * specification words it, so that a document this passes is one CloudWatch would take.
 */
public final class EmbeddedMetricFormat {

    /** CloudWatch's standard units, the only values {@code Unit} may take. */
    public static final Set<String> UNITS = Set.of("Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes", "Megabytes",
            "Gigabytes", "Terabytes", "Bits", "Kilobits", "Megabits", "Gigabits", "Terabits", "Percent", "Count", "Bytes/Second",
            "Kilobytes/Second", "Megabytes/Second", "Gigabytes/Second", "Terabytes/Second", "Bits/Second", "Kilobits/Second",
            "Megabits/Second", "Gigabits/Second", "Terabits/Second", "Count/Second", "None");
    /** A log event's size limit, the stricter of the two the specification has had (256 KB, now 1 MB). */
    static final int MAX_BYTES = 256 * 1024;

    private EmbeddedMetricFormat() {
    }

    /** Whether a log line is meant as an EMF document: a JSON object with an {@code _aws} member. */
    public static boolean isDocument(JsonNode line) {
        return line != null && line.isObject() && line.has("_aws");
    }

    /**
     * Every way {@code document} (with {@code raw}, its text as written) breaks the specification;
     * empty when CloudWatch would extract its metrics.
     */
    public static List<String> problems(JsonNode document, String raw) {
        List<String> out = new ArrayList<>();
        if (raw.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            out.add("larger than a log event may be (" + MAX_BYTES + " bytes)");
        }
        if (raw.strip().indexOf('\n') >= 0) {
            out.add("not one line: a log event is one JSON object with nothing before or after it");
        }
        if (!document.isObject()) {
            out.add("the root is not a JSON object");
            return out;
        }
        JsonNode aws = document.get("_aws");
        if (aws == null || !aws.isObject()) {
            out.add("the root has no _aws metadata object");
            return out;
        }
        JsonNode timestamp = aws.get("Timestamp");
        if (timestamp == null || !timestamp.isIntegralNumber() || timestamp.asLong() <= 0) {
            out.add("_aws.Timestamp must be a number: milliseconds since the epoch");
        }
        JsonNode directives = aws.get("CloudWatchMetrics");
        if (directives == null || !directives.isArray()) {
            out.add("_aws.CloudWatchMetrics must be an array of metric directives");
            return out;
        }
        Set<String> dimensionKeys = new HashSet<>();
        Set<String> metricNames = new HashSet<>();
        for (JsonNode directive : directives) {
            directive(directive, document, out, dimensionKeys, metricNames);
        }
        for (String key : dimensionKeys) {
            if (metricNames.contains(key)) {
                out.add("'" + key + "' is both a dimension and a metric");
            }
        }
        return out;
    }

    private static void directive(JsonNode directive, JsonNode root, List<String> out, Set<String> dimensionKeys,
                                  Set<String> metricNames) {
        if (!directive.isObject()) {
            out.add("a metric directive is not an object");
            return;
        }
        JsonNode namespace = directive.get("Namespace");
        if (namespace == null || !namespace.isTextual() || namespace.asText().isEmpty() || namespace.asText().length() > 255) {
            out.add("Namespace must be a string of 1 to 255 characters");
        }
        JsonNode dimensions = directive.get("Dimensions");
        if (dimensions == null || !dimensions.isArray()) {
            out.add("Dimensions must be an array of dimension sets");
        } else {
            for (JsonNode set : dimensions) {
                if (!set.isArray()) {
                    out.add("a dimension set is not an array");
                    continue;
                }
                if (set.size() > 30) {
                    out.add("a dimension set holds more than 30 dimension keys");
                }
                for (JsonNode key : set) {
                    if (!key.isTextual()) {
                        out.add("a dimension key is not a string");
                        continue;
                    }
                    dimensionKeys.add(key.asText());
                    JsonNode value = root.get(key.asText());
                    if (value == null) {
                        out.add("dimension '" + key.asText() + "' has no member in the root");
                    } else if (!value.isTextual() || value.asText().isEmpty() || value.asText().length() > 1024) {
                        out.add("dimension '" + key.asText() + "' must have a string value of 1 to 1024 characters");
                    }
                }
            }
        }
        JsonNode metrics = directive.get("Metrics");
        if (metrics == null || !metrics.isArray()) {
            out.add("Metrics must be an array of metric definitions");
            return;
        }
        if (metrics.size() > 100) {
            out.add("a directive defines more than 100 metrics");
        }
        for (JsonNode metric : metrics) {
            JsonNode name = metric.get("Name");
            if (name == null || !name.isTextual() || name.asText().isEmpty() || name.asText().length() > 1024) {
                out.add("a metric's Name must be a string of 1 to 1024 characters");
                continue;
            }
            metricNames.add(name.asText());
            JsonNode unit = metric.get("Unit");
            if (unit != null && !(unit.isTextual() && UNITS.contains(unit.asText()))) {
                out.add("metric '" + name.asText() + "' has a Unit CloudWatch does not know: " + unit);
            }
            JsonNode resolution = metric.get("StorageResolution");
            if (resolution != null && !(resolution.isIntegralNumber() && (resolution.asInt() == 1 || resolution.asInt() == 60))) {
                out.add("metric '" + name.asText() + "' has a StorageResolution other than 1 or 60");
            }
            JsonNode value = root.get(name.asText());
            if (value == null) {
                out.add("metric '" + name.asText() + "' has no member in the root");
            } else if (value.isArray()) {
                if (value.size() > 100) {
                    out.add("metric '" + name.asText() + "' carries more than 100 values");
                }
                value.forEach(v -> {
                    if (!v.isNumber()) {
                        out.add("metric '" + name.asText() + "' has a value that is not a number: " + v);
                    }
                });
            } else if (!value.isNumber()) {
                out.add("metric '" + name.asText() + "' must be a number or an array of numbers: " + value);
            }
        }
    }
}
