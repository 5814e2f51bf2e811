package com.crmscoring.storage.orders;

import com.crmscoring.shared.domain.CustomerAttributes;
import com.crmscoring.shared.domain.Order;
import com.crmscoring.storage.DependencyUnavailableException;
import com.crmscoring.storage.profile.ProfileItemAttributes;
import com.crmscoring.storage.profile.ProfileItemMapper;
import com.crmscoring.storage.profile.ProfileUpdate;
import com.crmscoring.storage.profile.StoredProfile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/** The orders and profiles tables: one conditional UpdateItem per profile write. */
public final class DynamoDbOrderStore implements OrderStore {

    private final DynamoDbClient dynamo;
    private final String ordersTable;
    private final String profilesTable;
    private final OrderItemMapper mapper = new OrderItemMapper();
    private final ProfileItemMapper profiles = new ProfileItemMapper();

    public DynamoDbOrderStore(DynamoDbClient dynamo, String ordersTable, String profilesTable) {
        this.dynamo = dynamo;
        this.ordersTable = ordersTable;
        this.profilesTable = profilesTable;
    }

    @Override
    public List<Order> ordersOf(String customerId) {
        // Consistent: the order that triggered the event must be in the history it is aggregated with.
        return query(customerId, true).orders();
    }

    @Override
    public OrdersRead ordersForJob(String customerId) {
        return query(customerId, false);
    }

    private OrdersRead query(String customerId, boolean consistent) {
        List<Order> out = new ArrayList<>();
        double[] units = {0};
        try {
            dynamo.queryPaginator(b -> b.tableName(ordersTable).consistentRead(consistent)
                            .keyConditionExpression("#c = :c")
                            .expressionAttributeNames(Map.of("#c", OrderItemMapper.CUSTOMER_ID))
                            .expressionAttributeValues(Map.of(":c", AttributeValue.fromS(customerId)))
                            .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))
                    .forEach(page -> {
                        // Where DynamoDB does not report it (DynamoDB Local may not): half a unit per
                        // 4 KB read eventually consistently, and an order of the bundled shop (about
                        // 20 lines) is about 1.2 KB, so three orders to a unit's 4 KB.
                        units[0] += page.consumedCapacity() != null && page.consumedCapacity().capacityUnits() != null
                                ? page.consumedCapacity().capacityUnits() : 0.5 * Math.max(1, Math.ceil(page.count() / 3.0));
                        for (Map<String, AttributeValue> item : page.items()) {
                            try {
                                out.add(mapper.fromItem(item));
                            } catch (IllegalArgumentException malformed) {
                                // A malformed item fails its own event; it must not poison the customer's history.
                            }
                        }
                    });
        } catch (SdkException e) {
            throw new DependencyUnavailableException("orders table " + ordersTable + " could not be read: " + e.getMessage(), e);
        }
        return new OrdersRead(out, units[0]);
    }

    @Override
    public void putOrder(Order order) {
        try {
            dynamo.putItem(b -> b.tableName(ordersTable).item(mapper.toItem(order)));
        } catch (SdkException e) {
            throw new DependencyUnavailableException("orders table " + ordersTable + " could not be written: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<StoredProfile> profile(String customerId) {
        try {
            var response = dynamo.getItem(b -> b.tableName(profilesTable).consistentRead(true)
                    .key(Map.of(CustomerAttributes.CUSTOMER_ID, AttributeValue.fromS(customerId))));
            return response.hasItem() && !response.item().isEmpty() ? Optional.of(profiles.stored(response.item())) : Optional.empty();
        } catch (SdkException e) {
            throw new DependencyUnavailableException("profiles table " + profilesTable + " could not be read: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean updateProfile(ProfileUpdate update, Long expectedVersion) {
        String customerId = update.customerId();
        Map<String, AttributeValue> set = profiles.attributesOf(update);
        Set<String> remove = ProfileItemMapper.ownedAttributes();
        remove.removeAll(set.keySet());
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> assignments = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, AttributeValue> e : set.entrySet()) {
            names.put("#s" + i, e.getKey());
            values.put(":s" + i, e.getValue());
            assignments.add("#s" + i + " = :s" + i);
            i++;
        }
        names.put("#v", ProfileItemAttributes.VERSION);
        values.put(":one", AttributeValue.fromN("1"));
        values.put(":zero", AttributeValue.fromN("0"));
        assignments.add("#v = if_not_exists(#v, :zero) + :one");
        StringBuilder expression = new StringBuilder("SET ").append(String.join(", ", assignments));
        List<String> removals = new ArrayList<>();
        int r = 0;
        for (String attribute : remove) {
            names.put("#r" + r, attribute);
            removals.add("#r" + r++);
        }
        if (!removals.isEmpty()) {
            expression.append(" REMOVE ").append(String.join(", ", removals));
        }
        String condition;
        if (expectedVersion == null) {
            names.put("#id", CustomerAttributes.CUSTOMER_ID);
            condition = "attribute_not_exists(#id)";
        } else if (expectedVersion == 0L) {
            names.put("#id", CustomerAttributes.CUSTOMER_ID);
            condition = "attribute_exists(#id) AND attribute_not_exists(#v)";
        } else {
            values.put(":expected", AttributeValue.fromN(Long.toString(expectedVersion)));
            condition = "#v = :expected";
        }
        try {
            dynamo.updateItem(b -> b.tableName(profilesTable)
                    .key(Map.of(CustomerAttributes.CUSTOMER_ID, AttributeValue.fromS(customerId)))
                    .updateExpression(expression.toString())
                    .conditionExpression(condition)
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        } catch (SdkException e) {
            throw new DependencyUnavailableException("profiles table " + profilesTable + " could not be written: " + e.getMessage(), e);
        }
    }
}
