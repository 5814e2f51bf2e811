package com.crmscoring.functions.profile;

import com.crmscoring.shared.domain.ProfileAttributes;
import com.crmscoring.shared.dynamo.ItemFeatureSource;
import com.crmscoring.shared.dynamo.ProfileItemMapper;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/** Profiles in the DynamoDB profiles table, one GetItem per lookup. */
public final class DynamoDbProfileRepository implements ProfileRepository {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbProfileRepository(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<StoredProfile> find(String customerId) {
        GetItemResponse response;
        try {
            response = dynamo.getItem(b -> b.tableName(table)
                    .key(Map.of(ProfileAttributes.CUSTOMER_ID, AttributeValue.fromS(customerId))));
        } catch (SdkException e) {
            throw new DependencyUnavailableException("profiles table " + table + " could not be read: " + e.getMessage(), e);
        }
        if (!response.hasItem() || response.item().isEmpty()) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = response.item();
        return Optional.of(new StoredProfile(customerId, ProfileItemMapper.optedOut(item), asOf(item), new ItemFeatureSource(item)));
    }

    private static Instant asOf(Map<String, AttributeValue> item) {
        AttributeValue v = item.get(ProfileAttributes.AS_OF);
        if (v == null || v.s() == null) {
            return null;
        }
        try {
            return Instant.parse(v.s());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
