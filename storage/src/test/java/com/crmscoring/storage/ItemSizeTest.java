package com.crmscoring.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The rules of "DynamoDB item sizes and formats", value by value. */
class ItemSizeTest {

    @Test
    void eachTypeCountsAsDynamoDbDocumentsIt() {
        assertEquals(10 + 5, ItemSize.of(Map.of("customerId", AttributeValue.fromS("12345"))));
        assertEquals(3 + 6, ItemSize.of(Map.of("bin", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[6])))));
        assertEquals(4 + 1, ItemSize.of(Map.of("flag", AttributeValue.fromBool(true))));
        // 123.45: five significant digits, three bytes, plus one.
        assertEquals(3 + 4, ItemSize.of(Map.of("amt", AttributeValue.fromN("123.45"))));
        // 1200: two significant digits once the trailing zeros go.
        assertEquals(1 + 2, ItemSize.of(Map.of("n", AttributeValue.fromN("1200"))));
        // A map: 3 bytes, then per element 1 byte, its name and its value.
        assertEquals(1 + 3 + (1 + 1 + 1) + (1 + 1 + 2),
                ItemSize.of(Map.of("m", AttributeValue.fromM(Map.of("a", AttributeValue.fromS("x"), "b", AttributeValue.fromN("7"))))));
        assertEquals(1 + 3 + (1 + 2), ItemSize.of(Map.of("l", AttributeValue.fromL(List.of(AttributeValue.fromS("ab"))))));
        // UTF-8, not characters.
        assertEquals(1 + 3, ItemSize.of(Map.of("c", AttributeValue.fromS("é€".substring(1)))));
    }
}
