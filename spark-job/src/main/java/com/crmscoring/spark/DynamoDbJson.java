package com.crmscoring.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Items in DynamoDB's JSON form, one per line as {@code {"Item": {...}}}: what DynamoDB's import
 * from S3 reads ({@code InputFormat: DYNAMODB_JSON}) and its export to S3 writes. The SDK's
 * marshallers for this form are internal to it, and the enhanced client's documents write plain
 * JSON, which loses the difference between a number and a string; hence these few lines.
 */
public final class DynamoDbJson {

    /** The start of the message of a line that is not an item: it quotes nothing of the line. */
    public static final String NOT_AN_ITEM = "not a DynamoDB JSON item line";

    private static final ObjectMapper JSON = new ObjectMapper();

    private DynamoDbJson() {
    }

    /** One import line. */
    public static String line(Map<String, AttributeValue> item) {
        ObjectNode root = JSON.createObjectNode();
        root.set("Item", map(item));
        return root.toString();
    }

    /** The item of one import (or export) line. */
    public static Map<String, AttributeValue> item(String line) {
        try {
            JsonNode item = JSON.readTree(line).path("Item");
            if (!item.isObject()) {
                throw new IllegalArgumentException(NOT_AN_ITEM + ": no \"Item\" object");
            }
            try {
                return fromMap(item);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(NOT_AN_ITEM + ": an attribute value is malformed", e);
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(NOT_AN_ITEM + ": malformed JSON", e);
        }
    }

    private static ObjectNode map(Map<String, AttributeValue> m) {
        ObjectNode out = JSON.createObjectNode();
        m.forEach((k, v) -> out.set(k, value(v)));
        return out;
    }

    private static ObjectNode value(AttributeValue v) {
        ObjectNode out = JSON.createObjectNode();
        switch (v.type()) {
            case S -> out.put("S", v.s());
            case N -> out.put("N", v.n());
            case B -> out.put("B", Base64.getEncoder().encodeToString(v.b().asByteArray()));
            case BOOL -> out.put("BOOL", v.bool());
            case NUL -> out.put("NULL", true);
            case M -> out.set("M", map(v.m()));
            case L -> {
                ArrayNode a = out.putArray("L");
                v.l().forEach(e -> a.add(value(e)));
            }
            case SS -> v.ss().forEach(out.putArray("SS")::add);
            case NS -> v.ns().forEach(out.putArray("NS")::add);
            case BS -> {
                ArrayNode a = out.putArray("BS");
                v.bs().forEach(b -> a.add(Base64.getEncoder().encodeToString(b.asByteArray())));
            }
            default -> throw new IllegalArgumentException("an attribute of unknown type " + v.type());
        }
        return out;
    }

    private static Map<String, AttributeValue> fromMap(JsonNode node) {
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            out.put(e.getKey(), fromValue(e.getValue()));
        }
        return out;
    }

    private static AttributeValue fromValue(JsonNode node) {
        if (!node.isObject() || node.size() != 1) {
            throw new IllegalArgumentException("an attribute value is an object with one type key, such as {\"S\": ...}");
        }
        Map.Entry<String, JsonNode> typed = node.properties().iterator().next();
        JsonNode v = typed.getValue();
        return switch (typed.getKey()) {
            case "S" -> AttributeValue.fromS(v.asText());
            case "N" -> AttributeValue.fromN(v.asText());
            case "B" -> AttributeValue.fromB(SdkBytes.fromByteArray(Base64.getDecoder().decode(v.asText())));
            case "BOOL" -> AttributeValue.fromBool(v.asBoolean());
            case "NULL" -> AttributeValue.fromNul(true);
            case "M" -> AttributeValue.fromM(fromMap(v));
            case "L" -> {
                List<AttributeValue> l = new ArrayList<>();
                v.forEach(e -> l.add(fromValue(e)));
                yield AttributeValue.fromL(l);
            }
            case "SS" -> AttributeValue.fromSs(texts(v));
            case "NS" -> AttributeValue.fromNs(texts(v));
            case "BS" -> AttributeValue.fromBs(texts(v).stream().map(b -> SdkBytes.fromByteArray(Base64.getDecoder().decode(b))).toList());
            default -> throw new IllegalArgumentException("an attribute of unknown type " + typed.getKey());
        };
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(e -> out.add(e.asText()));
        return out;
    }
}
