package com.crmscoring.shared.model;

import com.crmscoring.shared.clv.CustomerBaseModel;
import com.crmscoring.shared.features.FeatureSpec;
import com.crmscoring.shared.lifecycle.LifecycleRules;
import com.crmscoring.shared.offers.AssociationRule;
import com.crmscoring.shared.offers.OfferCatalogue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything scoring needs to know about an exported model, stored as JSON under {@link #KEY} in
 * the ONNX file's metadata. ONNX itself records neither feature names nor label order, so
 * without this a model cannot be scored safely.
 *
 * @param name             model name, e.g. {@code churn}
 * @param version          model version, e.g. {@code 2026.11.22-1f3a9c0e}
 * @param task             what the model does, e.g. {@code binary-classification}
 * @param algorithm        the chosen model family and its hyper-parameters
 * @param positiveLabel    for binary classifiers: the label whose probability is "the score"
 * @param featureSpec      how raw attributes are encoded
 * @param inputColumns     the input tensor's columns, in order
 * @param inputName        the ONNX input name
 * @param outputLabels     the output tensor's columns, in order
 * @param probabilityOutput the ONNX output holding class probabilities
 * @param dataFingerprint  SHA-256 of the training data and of the parameters that shaped it
 * @param trainedOn        a readable description of the training data
 * @param metrics          evaluation results (cross-validated unless named otherwise)
 * @param thresholds       named cut-offs on the score, e.g. risk bands
 * @param segments         for clustering models: what each output cluster is
 * @param lifecycle        for clustering models: the life-cycle rules fitted on the same customers
 * @param offers           for next-best-offer models: the catalogue; output labels are its offer ids
 * @param rules            for next-best-offer models: association and sequence rules mined with it
 * @param customerBase     for lifetime-value models: the BG/NBD and Gamma-Gamma parameters served beside
 *                         the model (expected purchases, P(alive)) and, for a combined model, its inputs
 * @param linear           for linear models: the graph's weights, from which reasons are computed
 *                         exactly without extra model rows; null for every other family
 * @param trees            for single-output tree ensembles: the graph's node tables, from which a
 *                         reason re-walks only the trees it changes; null for every other family
 * @param centroids        for clustering models: the graph's centroids; null for every other family
 *                         and in files exported before it. With {@code linear} and {@code trees},
 *                         what lets the scorers compute the graph's output in the JVM
 *                         ({@link TableEvaluator})
 * @param drift            the training population's distributions (attributes and score) that the
 *                         drift job compares today's customers with; null in files exported before it
 */
public record ModelMetadata(
        String name,
        String version,
        String task,
        String algorithm,
        String positiveLabel,
        FeatureSpec featureSpec,
        List<String> inputColumns,
        String inputName,
        List<String> outputLabels,
        String probabilityOutput,
        String dataFingerprint,
        String trainedOn,
        Map<String, Double> metrics,
        Map<String, Double> thresholds,
        List<SegmentDescription> segments,
        LifecycleRules lifecycle,
        OfferCatalogue offers,
        List<AssociationRule> rules,
        CustomerBaseModel customerBase,
        LinearParameters linear,
        TreeParameters trees,
        CentroidParameters centroids,
        DriftReference drift) {

    /** The ONNX metadata key under which the JSON is stored. */
    public static final String KEY = "crm.metadata";

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    public ModelMetadata {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(featureSpec, "featureSpec");
        inputColumns = List.copyOf(inputColumns);
        outputLabels = List.copyOf(outputLabels);
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
        thresholds = thresholds == null ? Map.of() : Map.copyOf(thresholds);
        segments = segments == null ? List.of() : List.copyOf(segments);
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    /** Index of the positive label in the probability output. */
    public int positiveIndex() {
        int i = outputLabels.indexOf(positiveLabel);
        if (i < 0) {
            throw new IllegalStateException("positive label '" + positiveLabel + "' is not among the outputs " + outputLabels);
        }
        return i;
    }

    /** A builder: twenty-two positional arguments are too easy to swap. */
    public static Builder builder(String name, String task) {
        return new Builder(name, task);
    }

    /** Collects a model's metadata field by field; {@link #build()} checks what the record checks. */
    public static final class Builder {
        private final String name;
        private final String task;
        private String version;
        private String algorithm;
        private String positiveLabel;
        private FeatureSpec featureSpec;
        private List<String> inputColumns = List.of();
        private String inputName;
        private List<String> outputLabels = List.of();
        private String output;
        private String dataFingerprint;
        private String trainedOn;
        private Map<String, Double> metrics = Map.of();
        private Map<String, Double> thresholds = Map.of();
        private List<SegmentDescription> segments = List.of();
        private LifecycleRules lifecycle;
        private OfferCatalogue offers;
        private List<AssociationRule> rules = List.of();
        private CustomerBaseModel customerBase;
        private LinearParameters linear;
        private TreeParameters trees;
        private CentroidParameters centroids;
        private DriftReference drift;

        private Builder(String name, String task) {
            this.name = name;
            this.task = task;
        }

        public Builder version(String v) { this.version = v; return this; }
        public Builder algorithm(String v) { this.algorithm = v; return this; }
        public Builder positiveLabel(String v) { this.positiveLabel = v; return this; }
        /** The specification and the model's input columns in input order. */
        public Builder features(FeatureSpec spec, List<String> columns) { this.featureSpec = spec; this.inputColumns = columns; return this; }
        /** The graph's input and main output names, and the output's columns. */
        public Builder graph(String input, String mainOutput, List<String> labels) {
            this.inputName = input; this.output = mainOutput; this.outputLabels = labels; return this;
        }
        /** What the model learnt from: a fingerprint of the data and parameters, and the same in words. */
        public Builder data(String fingerprint, String description) { this.dataFingerprint = fingerprint; this.trainedOn = description; return this; }
        public Builder metrics(Map<String, Double> v) { this.metrics = v; return this; }
        public Builder thresholds(Map<String, Double> v) { this.thresholds = v; return this; }
        public Builder segments(List<SegmentDescription> v, LifecycleRules l) { this.segments = v; this.lifecycle = l; return this; }
        public Builder offers(OfferCatalogue v, List<AssociationRule> r) { this.offers = v; this.rules = r; return this; }
        public Builder customerBase(CustomerBaseModel v) { this.customerBase = v; return this; }
        /** A linear model's weights (null for other families). */
        public Builder linear(LinearParameters v) { this.linear = v; return this; }
        /** A single-output tree ensemble's node tables (null for other families). */
        public Builder trees(TreeParameters v) { this.trees = v; return this; }
        /** A clustering model's centroids (null for other families). */
        public Builder centroids(CentroidParameters v) { this.centroids = v; return this; }
        /** The training population's distributions; the export pipeline fits them from the parity rows. */
        public Builder drift(DriftReference v) { this.drift = v; return this; }

        public String name() {
            return name;
        }

        public ModelMetadata build() {
            Objects.requireNonNull(inputName, "graph(...) was not set");
            return new ModelMetadata(name, version, task, algorithm, positiveLabel, featureSpec, inputColumns, inputName,
                    outputLabels, output, dataFingerprint, trainedOn, metrics, thresholds, segments, lifecycle, offers, rules,
                    customerBase, linear, trees, centroids, drift);
        }
    }

    /** The same metadata with the training population's distributions. */
    public ModelMetadata withDrift(DriftReference reference) {
        return new ModelMetadata(name, version, task, algorithm, positiveLabel, featureSpec, inputColumns, inputName, outputLabels,
                probabilityOutput, dataFingerprint, trainedOn, metrics, thresholds, segments, lifecycle, offers, rules, customerBase,
                linear, trees, centroids, reference);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("model metadata cannot be written as JSON", e);
        }
    }

    /** @throws IllegalArgumentException when the text is not valid model metadata */
    public static ModelMetadata fromJson(String json) {
        try {
            return JSON.readValue(json, ModelMetadata.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid model metadata: " + e.getOriginalMessage(), e);
        }
    }
}
