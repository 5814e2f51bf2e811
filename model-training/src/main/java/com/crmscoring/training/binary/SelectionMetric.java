package com.crmscoring.training.binary;

import java.util.function.ToDoubleFunction;

/** What "best" means when choosing among candidates: the cross-validated mean of one metric. */
public enum SelectionMetric {
    /** Ranking quality over the whole population: churn, response. */
    ROC_AUC(CvResult::meanRocAuc, "ROC AUC"),
    /** Precision where positives are rare: fraud, judged as the published results judge it. */
    AVERAGE_PRECISION(CvResult::meanAveragePrecision, "average precision");

    private final ToDoubleFunction<CvResult> metric;
    private final String label;

    SelectionMetric(ToDoubleFunction<CvResult> metric, String label) {
        this.metric = metric;
        this.label = label;
    }

    public double of(CvResult result) {
        return metric.applyAsDouble(result);
    }

    public String label() {
        return label;
    }

    /** Parses {@code roc-auc} or {@code average-precision}. */
    public static SelectionMetric parse(String text) {
        return switch (text) {
            case "roc-auc" -> ROC_AUC;
            case "average-precision" -> AVERAGE_PRECISION;
            default -> throw new IllegalArgumentException("--select-by must be roc-auc or average-precision, was '" + text + "'");
        };
    }
}
