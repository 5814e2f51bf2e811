package com.crmscoring.training.export;

import com.crmscoring.shared.model.ParityTolerance;

/**
 * What the reference implementation (Tribuo, or an exact computation in double) says for each
 * parity row, already in the model's {@link NaturalDomain}.
 *
 * @param implementation what computed {@code expected}, for the card
 * @param expected       per row, the values to compare
 * @param accumulation   per row and value, the float32 accumulation bound from
 *                       {@link ParityTolerance#sum} (or a model-specific bound built from it)
 * @param float32        whether the reference itself computed in float32 (XGBoost does)
 */
public record ParityReference(String implementation, double[][] expected, double[][] accumulation, boolean float32) {

    public ParityReference {
        if (expected.length != accumulation.length) {
            throw new IllegalArgumentException(expected.length + " rows of values but " + accumulation.length + " of bounds");
        }
    }
}
