package com.crmscoring.shared.features;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * How one raw attribute becomes one or more model input columns. Serialised into every model's
 * metadata, so that scoring encodes exactly as training did.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = NumericFeature.class, name = "numeric"),
        @JsonSubTypes.Type(value = CategoricalFeature.class, name = "categorical"),
        @JsonSubTypes.Type(value = BooleanFeature.class, name = "boolean")
})
public sealed interface FeatureDefinition permits NumericFeature, CategoricalFeature, BooleanFeature {

    /** The raw attribute this definition reads. */
    String name();

    /** The names of the columns this definition produces, in a fixed order. */
    List<String> columns();

    /**
     * Writes this definition's column values for {@code raw} into {@code out[0..columns().size())}.
     *
     * @return true when the raw value was missing and the documented default was used
     */
    boolean encode(Object raw, double[] out);

    /** The column values of a typical customer: what "no influence" means for explanations. */
    double[] baseline();
}
