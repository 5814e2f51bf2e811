package com.crmscoring.shared.model;

import java.util.List;
import java.util.Objects;

/**
 * A linear model's parameters as its ONNX graph holds them, kept in the metadata so that a reason
 * ("this attribute at its typical value") can be computed from the weights in one pass instead of
 * one extra model row per attribute: for a linear margin the change is exactly the sum, over the
 * attribute's encoded columns, of the weight times the change in the encoded value.
 *
 * @param link       how the graph turns the margins into its output: {@link #SOFTMAX} for a
 *                   probabilistic classifier, {@link #IDENTITY} for a linear regression
 * @param weights    one row per output column (in {@code outputLabels} order), each with one
 *                   weight per input column (in {@code inputColumns} order)
 * @param intercepts one per output column
 */
public record LinearParameters(String link, List<List<Double>> weights, List<Double> intercepts) {

    /** The outputs are the softmax of the margins: a two-label model's log-odds is a margin difference. */
    public static final String SOFTMAX = "softmax";
    /** The output is the margin itself. */
    public static final String IDENTITY = "identity";

    public LinearParameters {
        Objects.requireNonNull(link, "link");
        if (!link.equals(SOFTMAX) && !link.equals(IDENTITY)) {
            throw new IllegalArgumentException("unknown link '" + link + "'");
        }
        weights = weights.stream().map(List::copyOf).toList();
        intercepts = List.copyOf(intercepts);
        if (weights.size() != intercepts.size()) {
            throw new IllegalArgumentException(weights.size() + " weight rows but " + intercepts.size() + " intercepts");
        }
    }

    /**
     * The weights of the margin a reason is measured on, one per input column, or null when the
     * reasons are not linear in the weights on that scale: the positive label's log-odds for a
     * two-label softmax (its row minus the other's), the prediction itself for an identity link
     * with one output.
     *
     * @param positive the positive label's output column, or -1 for a regression
     * @param logOdds  whether reasons are measured in log-odds (else in the output's own units)
     */
    public double[] reasonWeights(int positive, boolean logOdds) {
        if (!logOdds && link.equals(IDENTITY) && weights.size() == 1) {
            return weights.get(0).stream().mapToDouble(Double::doubleValue).toArray();
        }
        if (logOdds && link.equals(SOFTMAX) && weights.size() == 2 && (positive == 0 || positive == 1)) {
            List<Double> own = weights.get(positive);
            List<Double> other = weights.get(1 - positive);
            double[] w = new double[own.size()];
            for (int j = 0; j < w.length; j++) {
                w[j] = own.get(j) - other.get(j);
            }
            return w;
        }
        return null;
    }
}
