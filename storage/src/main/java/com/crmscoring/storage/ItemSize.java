package com.crmscoring.storage;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An item's size as DynamoDB counts it against its 400 KB limit, by the rules of "DynamoDB item
 * sizes and formats" (Amazon DynamoDB Developer Guide): each attribute's UTF-8 name plus its value
 * (strings in UTF-8 bytes, binaries in raw bytes, numbers one byte per two significant digits plus
 * one, booleans and nulls one byte, lists and maps three bytes plus one byte and the size of each
 * element). The SDK has no such function; the benchmark reports profile item sizes with it.
 */
public final class ItemSize {

    /** DynamoDB's limit on one item. */
    public static final int LIMIT_BYTES = 400 * 1024;

    private ItemSize() {
    }

    public static int of(Map<String, AttributeValue> item) {
        int size = 0;
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            size += utf8(e.getKey()) + value(e.getValue());
        }
        return size;
    }

    private static int value(AttributeValue v) {
        if (v.s() != null) {
            return utf8(v.s());
        }
        if (v.n() != null) {
            return number(v.n());
        }
        if (v.b() != null) {
            return v.b().asByteArray().length;
        }
        if (v.bool() != null || v.nul() != null) {
            return 1;
        }
        if (v.hasM()) {
            int size = 3;
            for (Map.Entry<String, AttributeValue> e : v.m().entrySet()) {
                size += 1 + utf8(e.getKey()) + value(e.getValue());
            }
            return size;
        }
        if (v.hasL()) {
            return 3 + list(v.l());
        }
        if (v.hasSs()) {
            return v.ss().stream().mapToInt(ItemSize::utf8).sum();
        }
        if (v.hasNs()) {
            return v.ns().stream().mapToInt(ItemSize::number).sum();
        }
        if (v.hasBs()) {
            return v.bs().stream().mapToInt(b -> b.asByteArray().length).sum();
        }
        return 0;
    }

    private static int list(List<AttributeValue> values) {
        int size = 0;
        for (AttributeValue v : values) {
            size += 1 + value(v);
        }
        return size;
    }

    /** One byte per two significant digits (leading and trailing zeros dropped), plus one. */
    static int number(String n) {
        BigDecimal d = new BigDecimal(n);
        if (d.signum() == 0) {
            return 2;
        }
        int digits = d.stripTrailingZeros().precision();
        return (digits + 1) / 2 + 1;
    }

    private static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
