package com.crmscoring.shared.features;

import com.crmscoring.shared.domain.CustomerProfile;
import com.crmscoring.shared.domain.ProfileAttributes;
import java.util.function.ToDoubleFunction;
import com.crmscoring.shared.aggregates.BehaviourAggregates;

/** The attributes of a {@link CustomerProfile} record, by their {@link ProfileAttributes} names. */
public record ProfileFeatureSource(CustomerProfile profile) implements FeatureSource {

    @Override
    public Object value(String attribute) {
        ToDoubleFunction<BehaviourAggregates> numeric = ProfileAttributes.NUMERIC.get(attribute);
        if (numeric != null) {
            double v = numeric.applyAsDouble(profile.aggregates());
            return Double.isNaN(v) ? null : v;
        }
        return switch (attribute) {
            case ProfileAttributes.COUNTRY -> profile.country().isEmpty() ? null : profile.country();
            case ProfileAttributes.PROFILING_OPT_OUT -> profile.profilingOptOut();
            default -> null;
        };
    }
}
