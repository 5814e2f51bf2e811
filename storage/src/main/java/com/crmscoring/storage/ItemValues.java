package com.crmscoring.storage;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** How the item mappers write numbers and read instants, the same for every table. */
public final class ItemValues {

    private ItemValues() {
    }

    /** Shortest text that reads back as the same double, without exponent surprises for DynamoDB. */
    public static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    public static Instant instant(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        String s = v == null ? null : v.s();
        if (s == null) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

}
