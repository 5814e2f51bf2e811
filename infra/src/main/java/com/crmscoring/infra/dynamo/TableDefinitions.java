package com.crmscoring.infra.dynamo;

import com.crmscoring.shared.domain.CustomerAttributes;
import com.crmscoring.storage.orders.OrderItemMapper;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * The tables in code, with the same keys, billing and stream as {@code template.yaml} declares
 * (a test compares the two).
 */
public final class TableDefinitions {

    private TableDefinitions() {
    }

    /** Profiles: one item per customer. */
    public static CreateTableRequest profiles(String name) {
        return CreateTableRequest.builder()
                .tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute(CustomerAttributes.CUSTOMER_ID))
                .keySchema(key(CustomerAttributes.CUSTOMER_ID, KeyType.HASH))
                .build();
    }

    /**
     * Orders: one item per order under its customer, so that a customer's history is one Query.
     * The stream carries new images to the order-event function.
     */
    public static CreateTableRequest orders(String name) {
        return CreateTableRequest.builder()
                .tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute(OrderItemMapper.CUSTOMER_ID), attribute(OrderItemMapper.ORDER_ID))
                .keySchema(key(OrderItemMapper.CUSTOMER_ID, KeyType.HASH), key(OrderItemMapper.ORDER_ID, KeyType.RANGE))
                .streamSpecification(StreamSpecification.builder()
                        .streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES).build())
                .build();
    }

    /** Creates both tables unless they exist, and waits until they are active. */
    public static void ensureTables(DynamoDbClient dynamo, TableNames names) {
        for (CreateTableRequest request : new CreateTableRequest[] {profiles(names.profiles()), orders(names.orders())}) {
            try {
                dynamo.createTable(request);
            } catch (ResourceInUseException exists) {
                // Already there: creation is idempotent for the local run and the tests.
            }
            dynamo.waiter().waitUntilTableExists(b -> b.tableName(request.tableName()));
        }
    }

    private static AttributeDefinition attribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
