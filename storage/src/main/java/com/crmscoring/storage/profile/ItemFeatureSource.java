package com.crmscoring.storage.profile;

import com.crmscoring.shared.features.FeatureSource;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The attributes of a DynamoDB item as raw feature values, without building a record first:
 * an attribute the item lacks is a missing value for the feature specification to default.
 */
public record ItemFeatureSource(Map<String, AttributeValue> item) implements FeatureSource {

    @Override
    public Object value(String attribute) {
        AttributeValue v = item.get(attribute);
        if (v == null || Boolean.TRUE.equals(v.nul())) {
            return null;
        }
        if (v.n() != null) {
            try {
                return Double.parseDouble(v.n());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        if (v.s() != null) {
            return v.s();
        }
        return v.bool();
    }
}
