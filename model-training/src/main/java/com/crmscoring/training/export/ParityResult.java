package com.crmscoring.training.export;

/**
 * What parity showed, as every model card states it.
 *
 * @param rows               rows scored by both implementations
 * @param domain             where values were compared
 * @param reference          what the ONNX graph was compared against
 * @param maxDifference      the largest absolute difference in that domain
 * @param margin             the largest ratio of a difference to its own row's tolerance: below 1
 *                           passes, and how far below says how much room the gate had
 * @param medianTolerance    the median of the per-value tolerances
 * @param decision           the user-visible decision compared, or null for none
 * @param decisionsCompared  rows whose decision was compared
 * @param borderline         rows left out of the decision check because a float32 rounding could
 *                           honestly flip them
 * @param decisionMismatches rows whose decision differed (any is a failure)
 */
public record ParityResult(int rows, String domain, String reference, double maxDifference, double margin,
                           double medianTolerance, String decision, int decisionsCompared, int borderline,
                           int decisionMismatches) {

    public boolean passed() {
        return margin <= 1 && decisionMismatches == 0;
    }
}
