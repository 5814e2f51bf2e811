package com.crmscoring.training.binary;

import java.util.List;
import java.util.function.ToDoubleFunction;

/** A candidate's scores on each held-out fold. */
public record CvResult(String candidate, String description, List<Fold> folds) {

    /** Metrics of one held-out fold. */
    public record Fold(double rocAuc, double averagePrecision, double liftAt10) {
    }

    public double meanRocAuc() {
        return mean(Fold::rocAuc);
    }

    public double meanAveragePrecision() {
        return mean(Fold::averagePrecision);
    }

    public double meanLiftAt10() {
        return mean(Fold::liftAt10);
    }

    public double stdRocAuc() {
        return std(Fold::rocAuc);
    }

    public double stdAveragePrecision() {
        return std(Fold::averagePrecision);
    }

    /** Population standard deviation over folds, as scikit-learn's cross-validation reports are usually summarised. */
    private double std(ToDoubleFunction<Fold> metric) {
        double m = mean(metric);
        return Math.sqrt(folds.stream().mapToDouble(f -> (metric.applyAsDouble(f) - m) * (metric.applyAsDouble(f) - m)).sum()
                / folds.size());
    }

    private double mean(ToDoubleFunction<Fold> metric) {
        return folds.stream().mapToDouble(metric).average().orElse(Double.NaN);
    }
}
