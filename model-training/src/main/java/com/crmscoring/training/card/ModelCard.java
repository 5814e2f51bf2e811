package com.crmscoring.training.card;

import java.util.List;
import java.util.Map;

/**
 * What a model is, what it was trained on, how well it does and where it is weak: written next
 * to every exported model as JSON and as a readable page.
 *
 * @param target      what the positive class means, in words
 * @param evaluation  how the metrics were measured
 * @param candidates  every model family tried, with its cross-validated metrics
 * @param extra       further measured figures (out-of-time validation, parity), by name
 * @param references  the same metric next to published results on public data
 */
public record ModelCard(
        String name,
        String version,
        String task,
        String target,
        String trainedOn,
        int rows,
        int positives,
        List<String> features,
        int inputWidth,
        String chosen,
        String evaluation,
        List<CandidateResult> candidates,
        Map<String, Double> extra,
        Map<String, Double> thresholds,
        List<Reference> references,
        String dataFingerprint,
        long seed,
        List<String> limitations) {

    /** A candidate's cross-validated metrics: means and standard deviations over folds. */
    public record CandidateResult(String name, String description, double rocAuc, double rocAucStd,
                                  double averagePrecision, double averagePrecisionStd, double liftAt10) {
    }

    /** Our figure next to a published one, measured the same way. */
    public record Reference(String dataset, String metric, double ours, String published, String source) {
    }
}
