package com.crmscoring.functions.orders;

import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts a stream record's image (the Lambda events library's attribute values) to the SDK's,
 * so the shared item mappers read it.
 */
final class StreamRecords {

    private StreamRecords() {
    }

    static Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> toSdk(Map<String, AttributeValue> image) {
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> out = new LinkedHashMap<>();
        image.forEach((k, v) -> out.put(k, toSdk(v)));
        return out;
    }

    private static software.amazon.awssdk.services.dynamodb.model.AttributeValue toSdk(AttributeValue v) {
        var b = software.amazon.awssdk.services.dynamodb.model.AttributeValue.builder();
        if (v.getS() != null) {
            return b.s(v.getS()).build();
        }
        if (v.getN() != null) {
            return b.n(v.getN()).build();
        }
        if (v.getBOOL() != null) {
            return b.bool(v.getBOOL()).build();
        }
        if (v.getM() != null) {
            return b.m(toSdk(v.getM())).build();
        }
        if (v.getL() != null) {
            List<software.amazon.awssdk.services.dynamodb.model.AttributeValue> list = new ArrayList<>();
            v.getL().forEach(e -> list.add(toSdk(e)));
            return b.l(list).build();
        }
        if (v.getSS() != null) {
            return b.ss(v.getSS()).build();
        }
        if (v.getNS() != null) {
            return b.ns(v.getNS()).build();
        }
        return b.nul(true).build();
    }
}
