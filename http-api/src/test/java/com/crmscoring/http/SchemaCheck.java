package com.crmscoring.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks a JSON value against an OpenAPI 3.1 schema: the keywords openapi.yaml uses ($ref, type,
 * required, properties, additionalProperties, items, enum, minimum, maximum, minItems,
 * maxItems, pattern). A keyword it does not know fails the check, so the file cannot grow a
 * rule this test silently ignores.
 */
final class SchemaCheck {

    private static final List<String> KNOWN = List.of("$ref", "type", "required", "properties", "additionalProperties",
            "items", "enum", "minimum", "maximum", "minItems", "maxItems", "pattern", "description", "format", "maxLength");

    private final JsonNode document;

    SchemaCheck(JsonNode document) {
        this.document = document;
    }

    /** Resolves a local reference such as {@code #/components/schemas/Error}. */
    JsonNode resolve(JsonNode node) {
        while (node.has("$ref")) {
            String ref = node.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                throw new IllegalArgumentException("only local references are supported: " + ref);
            }
            node = document.at(ref.substring(1));
            if (node.isMissingNode()) {
                throw new IllegalArgumentException("dangling reference " + ref);
            }
        }
        return node;
    }

    /** @return every violation, each with the JSON path where it is; empty when the value conforms */
    List<String> violations(JsonNode schema, JsonNode value) {
        List<String> out = new ArrayList<>();
        check(schema, value, "$", out);
        return out;
    }

    private void check(JsonNode schema, JsonNode value, String at, List<String> out) {
        schema = resolve(schema);
        for (Iterator<String> it = schema.fieldNames(); it.hasNext(); ) {
            String keyword = it.next();
            if (!KNOWN.contains(keyword)) {
                out.add(at + ": the schema uses '" + keyword + "', which this check does not implement");
            }
        }
        if (schema.has("type") && !typeMatches(schema.get("type").asText(), value)) {
            out.add(at + ": expected " + schema.get("type").asText() + ", got " + value.getNodeType() + " " + value);
            return;
        }
        if (schema.has("enum")) {
            boolean found = false;
            for (JsonNode allowed : schema.get("enum")) {
                found |= allowed.equals(value);
            }
            if (!found) {
                out.add(at + ": " + value + " is not one of " + schema.get("enum"));
            }
        }
        if (value.isNumber()) {
            if (schema.has("minimum") && value.asDouble() < schema.get("minimum").asDouble()) {
                out.add(at + ": " + value + " is below the minimum " + schema.get("minimum"));
            }
            if (schema.has("maximum") && value.asDouble() > schema.get("maximum").asDouble()) {
                out.add(at + ": " + value + " is above the maximum " + schema.get("maximum"));
            }
        }
        if (value.isTextual() && schema.has("pattern") && !Pattern.compile(schema.get("pattern").asText()).matcher(value.asText()).find()) {
            out.add(at + ": does not match " + schema.get("pattern"));
        }
        if (value.isArray()) {
            if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
                out.add(at + ": fewer than " + schema.get("minItems") + " items");
            }
            if (schema.has("maxItems") && value.size() > schema.get("maxItems").asInt()) {
                out.add(at + ": more than " + schema.get("maxItems") + " items");
            }
            if (schema.has("items")) {
                for (int i = 0; i < value.size(); i++) {
                    check(schema.get("items"), value.get(i), at + "[" + i + "]", out);
                }
            }
        }
        if (value.isObject()) {
            for (JsonNode required : schema.path("required")) {
                if (!value.has(required.asText()) || value.get(required.asText()).isNull()) {
                    out.add(at + ": the required field '" + required.asText() + "' is missing");
                }
            }
            JsonNode properties = schema.path("properties");
            JsonNode additional = schema.get("additionalProperties");
            for (Map.Entry<String, JsonNode> field : value.properties()) {
                JsonNode sub = properties.get(field.getKey());
                if (sub != null) {
                    check(sub, field.getValue(), at + "." + field.getKey(), out);
                } else if (additional != null && additional.isObject()) {
                    check(additional, field.getValue(), at + "." + field.getKey(), out);
                } else if (additional != null && !additional.asBoolean(true)) {
                    out.add(at + ": the field '" + field.getKey() + "' is not in the schema");
                }
            }
        }
    }

    private static boolean typeMatches(String type, JsonNode value) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "null" -> value.isNull();
            default -> throw new IllegalArgumentException("unknown type " + type);
        };
    }
}
