package com.crmscoring.shared.features;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The encoding of every raw attribute a model reads. It is fitted on training data by
 * {@link FeatureSpecFitter}, written into the model's metadata as JSON, and read back by the
 * scoring side: one definition for both.
 */
public record FeatureSpec(List<FeatureDefinition> features) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    public FeatureSpec {
        features = List.copyOf(features);
        Set<String> names = new HashSet<>();
        for (FeatureDefinition f : features) {
            if (!names.add(f.name())) {
                throw new IllegalArgumentException("feature '" + f.name() + "' is defined twice");
            }
        }
    }

    /** Every column this specification can produce, in definition order. */
    public List<String> columns() {
        List<String> columns = new ArrayList<>();
        for (FeatureDefinition f : features) {
            columns.addAll(f.columns());
        }
        return columns;
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("feature specification cannot be written as JSON", e);
        }
    }

    /** @throws IllegalArgumentException when the text is not a valid specification */
    public static FeatureSpec fromJson(String json) {
        try {
            return JSON.readValue(json, FeatureSpec.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a valid feature specification: " + e.getOriginalMessage(), e);
        }
    }
}
