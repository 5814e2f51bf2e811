package com.crmscoring.shared.features;

import com.crmscoring.shared.aggregates.BehaviourAggregates;
import com.crmscoring.shared.domain.CustomerAttributes;
import com.crmscoring.shared.domain.CustomerProfile;
import java.util.function.ToDoubleFunction;

/** The attributes of a {@link CustomerProfile} record, by their {@link CustomerAttributes} names. */
public record ProfileFeatureSource(CustomerProfile profile) implements FeatureSource {

    @Override
    public Object value(String attribute) {
        ToDoubleFunction<BehaviourAggregates> numeric = CustomerAttributes.NUMERIC.get(attribute);
        if (numeric != null) {
            double v = numeric.applyAsDouble(profile.aggregates());
            return Double.isNaN(v) ? null : v;
        }
        return switch (attribute) {
            case CustomerAttributes.COUNTRY -> profile.country().isEmpty() ? null : profile.country();
            case CustomerAttributes.PROFILING_OPT_OUT -> profile.profilingOptOut();
            default -> null;
        };
    }
}
