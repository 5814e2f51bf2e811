package com.crmscoring.training.export;

import com.crmscoring.shared.model.ModelMetadata;

/**
 * Where a model's outputs are compared: where its arithmetic happens, not after a squashing
 * transform that hides errors (a probability of 0.9999 hides a margin error a hundred times its
 * own) or magnifies them (a relative error on a spend near zero).
 */
public enum NaturalDomain {

    /**
     * Binary classifiers: log p(positive) − log p(negative), the difference of the two margins.
     * Taken from both class probabilities, never from 1 − p, which loses everything near 1.
     */
    LOG_ODDS("log-odds"),
    /** Multi-class classifiers: log p(k) − log p(first class) for every class k: margin differences. */
    LOG_RATIO("log-probability ratio to the first class"),
    /** Regressions with a log link (Tweedie, gamma): the log of the prediction, i.e. the summed margin. */
    LOG("log of the prediction"),
    /** Outputs compared as they are: squared distances, decision values, identity-link regressions. */
    IDENTITY("as output");

    private final String label;

    NaturalDomain(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** One row of ONNX Runtime's main output, carried into this domain (in double). */
    public double[] of(float[] output, ModelMetadata metadata) {
        double[] wide = new double[output.length];
        for (int k = 0; k < wide.length; k++) {
            wide[k] = output[k];
        }
        return of(wide, metadata);
    }

    /** One row of outputs (probabilities per output column, or values) carried into this domain. */
    public double[] of(double[] output, ModelMetadata metadata) {
        return switch (this) {
            case LOG_ODDS -> {
                int positive = metadata.positiveIndex();
                yield new double[] {Math.log(output[positive]) - Math.log(output[1 - positive])};
            }
            case LOG_RATIO -> {
                double[] out = new double[output.length];
                for (int k = 0; k < out.length; k++) {
                    out[k] = Math.log(output[k]) - Math.log(output[0]);
                }
                yield out;
            }
            case LOG -> new double[] {Math.log(output[0])};
            case IDENTITY -> output.clone();
        };
    }
}
