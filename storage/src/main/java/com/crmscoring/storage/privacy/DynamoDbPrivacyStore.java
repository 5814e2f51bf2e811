package com.crmscoring.storage.privacy;

import com.crmscoring.shared.domain.CustomerAttributes;
import com.crmscoring.storage.DependencyUnavailableException;
import com.crmscoring.storage.orders.OrderItemMapper;
import com.crmscoring.storage.profile.ProfileItemAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Consent and erasure on DynamoDB. Consent is an UpdateItem of the consent attributes and the
 * version only. Erasure deletes the customer's orders (Query, then BatchWriteItem in 25s, retrying
 * what comes back unprocessed) and then replaces the profile with its marker, conditionally on the
 * version read, so that no order handler in flight can write after it.
 */
public final class DynamoDbPrivacyStore implements PrivacyStore {

    /** When an objection was withdrawn, kept for the record. */
    public static final String OPT_OUT_WITHDRAWN_AT = "profilingOptOutWithdrawnAt";
    private static final int MAX_ATTEMPTS = 8;

    private final DynamoDbClient dynamo;
    private final String profilesTable;
    private final String ordersTable;

    public DynamoDbPrivacyStore(DynamoDbClient dynamo, String profilesTable, String ordersTable) {
        this.dynamo = dynamo;
        this.profilesTable = profilesTable;
        this.ordersTable = ordersTable;
    }

    @Override
    public void recordObjection(String customerId, Instant at) {
        update(customerId, "SET #o = :true, #at = if_not_exists(#at, :t), #v = if_not_exists(#v, :zero) + :one REMOVE #s, #w",
                Map.of("#o", CustomerAttributes.PROFILING_OPT_OUT, "#at", ProfileItemAttributes.PROFILING_OPT_OUT_AT,
                        "#v", ProfileItemAttributes.VERSION, "#s", ProfileItemAttributes.SCORES, "#w", OPT_OUT_WITHDRAWN_AT),
                Map.of(":true", AttributeValue.fromBool(true), ":t", AttributeValue.fromS(at.toString()),
                        ":zero", AttributeValue.fromN("0"), ":one", AttributeValue.fromN("1")));
    }

    @Override
    public void withdrawObjection(String customerId, Instant at) {
        update(customerId, "SET #o = :false, #w = if_not_exists(#w, :t), #v = if_not_exists(#v, :zero) + :one REMOVE #at",
                Map.of("#o", CustomerAttributes.PROFILING_OPT_OUT, "#at", ProfileItemAttributes.PROFILING_OPT_OUT_AT,
                        "#v", ProfileItemAttributes.VERSION, "#w", OPT_OUT_WITHDRAWN_AT),
                Map.of(":false", AttributeValue.fromBool(false), ":t", AttributeValue.fromS(at.toString()),
                        ":zero", AttributeValue.fromN("0"), ":one", AttributeValue.fromN("1")));
    }

    @Override
    public int erase(String customerId, Instant at) {
        try {
            int deleted = deleteOrders(customerId);
            for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
                Map<String, AttributeValue> key = Map.of(CustomerAttributes.CUSTOMER_ID, AttributeValue.fromS(customerId));
                Map<String, AttributeValue> current = dynamo.getItem(b -> b.tableName(profilesTable).consistentRead(true).key(key)).item();
                AttributeValue version = current == null ? null : current.get(ProfileItemAttributes.VERSION);
                long next = version == null ? 1 : Long.parseLong(version.n()) + 1;
                Map<String, AttributeValue> marker = new HashMap<>(key);
                marker.put(ProfileItemAttributes.ERASED_AT, AttributeValue.fromS(at.toString()));
                marker.put(ProfileItemAttributes.VERSION, AttributeValue.fromN(Long.toString(next)));
                try {
                    dynamo.putItem(b -> {
                        b.tableName(profilesTable).item(marker).expressionAttributeNames(Map.of("#v", ProfileItemAttributes.VERSION));
                        if (version == null) {
                            b.conditionExpression("attribute_not_exists(#v)");
                        } else {
                            b.conditionExpression("#v = :v").expressionAttributeValues(Map.of(":v", version));
                        }
                    });
                    // Orders written while the marker was being put: delete them too.
                    return deleted + deleteOrders(customerId);
                } catch (ConditionalCheckFailedException e) {
                    // An order handler wrote in between: read its version and put the marker over it.
                }
            }
            throw new DependencyUnavailableException("the profile kept changing during erasure; try again", null);
        } catch (SdkException e) {
            throw new DependencyUnavailableException("the customer's data could not be erased: " + e.getMessage(), e);
        }
    }

    private int deleteOrders(String customerId) {
        List<WriteRequest> deletes = new ArrayList<>();
        dynamo.queryPaginator(b -> b.tableName(ordersTable).consistentRead(true)
                        .keyConditionExpression("#c = :c")
                        .projectionExpression("#c, #o")
                        .expressionAttributeNames(Map.of("#c", OrderItemMapper.CUSTOMER_ID, "#o", OrderItemMapper.ORDER_ID))
                        .expressionAttributeValues(Map.of(":c", AttributeValue.fromS(customerId))))
                .items().forEach(item -> deletes.add(WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(item).build()).build()));
        for (int from = 0; from < deletes.size(); from += 25) {
            Map<String, List<WriteRequest>> pending = Map.of(ordersTable, deletes.subList(from, Math.min(deletes.size(), from + 25)));
            for (int attempt = 1; !pending.isEmpty(); attempt++) {
                if (attempt > MAX_ATTEMPTS) {
                    throw new DependencyUnavailableException("orders table " + ordersTable + " left deletes unprocessed", null);
                }
                Map<String, List<WriteRequest>> request = pending;
                var response = dynamo.batchWriteItem(b -> b.requestItems(request));
                pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
            }
        }
        return deletes.size();
    }

    private void update(String customerId, String expression, Map<String, String> names, Map<String, AttributeValue> values) {
        try {
            dynamo.updateItem(b -> b.tableName(profilesTable)
                    .key(Map.of(CustomerAttributes.CUSTOMER_ID, AttributeValue.fromS(customerId)))
                    .updateExpression(expression)
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values));
        } catch (SdkException e) {
            throw new DependencyUnavailableException("profiles table " + profilesTable + " could not be written: " + e.getMessage(), e);
        }
    }
}
