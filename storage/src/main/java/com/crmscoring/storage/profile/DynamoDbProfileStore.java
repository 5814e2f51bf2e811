package com.crmscoring.storage.profile;

import com.crmscoring.shared.domain.CustomerAttributes;
import com.crmscoring.storage.DependencyUnavailableException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/** Profiles in the DynamoDB profiles table, one GetItem per lookup. */
public final class DynamoDbProfileStore implements ProfileStore {

    private static final ProfileItemMapper MAPPER = new ProfileItemMapper();

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbProfileStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<StoredProfile> find(String customerId) {
        GetItemResponse response;
        try {
            response = dynamo.getItem(b -> b.tableName(table)
                    .key(Map.of(CustomerAttributes.CUSTOMER_ID, AttributeValue.fromS(customerId))));
        } catch (SdkException e) {
            throw new DependencyUnavailableException("profiles table " + table + " could not be read: " + e.getMessage(), e);
        }
        if (!response.hasItem() || response.item().isEmpty() || erased(response.item())) {
            return Optional.empty();
        }
        return Optional.of(toStored(customerId, response.item()));
    }

    /** BatchGetItem, 100 keys a request (DynamoDB's limit), retrying the keys it hands back unprocessed. */
    @Override
    public Map<String, StoredProfile> findAll(Collection<String> customerIds) {
        Map<String, StoredProfile> out = new LinkedHashMap<>();
        List<String> ids = List.copyOf(new LinkedHashSet<>(customerIds));
        for (int from = 0; from < ids.size(); from += 100) {
            List<Map<String, AttributeValue>> keys = new ArrayList<>();
            for (String id : ids.subList(from, Math.min(ids.size(), from + 100))) {
                keys.add(Map.of(CustomerAttributes.CUSTOMER_ID, AttributeValue.fromS(id)));
            }
            Map<String, KeysAndAttributes> pending = Map.of(table, KeysAndAttributes.builder().keys(keys).build());
            for (int attempt = 1; !pending.isEmpty(); attempt++) {
                if (attempt > 6) {
                    throw new DependencyUnavailableException("profiles table " + table + " left keys unprocessed after 6 attempts", null);
                }
                Map<String, KeysAndAttributes> request = pending;
                BatchGetItemResponse response;
                try {
                    response = dynamo.batchGetItem(b -> b.requestItems(request));
                } catch (SdkException e) {
                    throw new DependencyUnavailableException("profiles table " + table + " could not be read: " + e.getMessage(), e);
                }
                for (Map<String, AttributeValue> item : response.responses().getOrDefault(table, List.of())) {
                    if (erased(item)) {
                        continue;
                    }
                    String id = item.get(CustomerAttributes.CUSTOMER_ID).s();
                    out.put(id, toStored(id, item));
                }
                pending = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
                if (!pending.isEmpty()) {
                    try {
                        Thread.sleep(20L << attempt);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new DependencyUnavailableException("interrupted while reading profiles", e);
                    }
                }
            }
        }
        return out;
    }

    /** An erased customer's marker: there is no profile to score. */
    private static boolean erased(Map<String, AttributeValue> item) {
        return item.containsKey(ProfileItemAttributes.ERASED_AT);
    }

    private static StoredProfile toStored(String customerId, Map<String, AttributeValue> item) {
        return MAPPER.stored(item);
    }
}
