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
        double m = meanRocAuc();
        return Math.sqrt(folds.stream().mapToDouble(f -> (f.rocAuc() - m) * (f.rocAuc() - m)).sum() / folds.size());
    }

    public double stdAveragePrecision() {
        double m = meanAveragePrecision();
        return Math.sqrt(folds.stream().mapToDouble(f -> (f.averagePrecision() - m) * (f.averagePrecision() - m)).sum() / folds.size());
    }

    private double mean(ToDoubleFunction<Fold> metric) {
        return folds.stream().mapToDouble(metric).average().orElse(Double.NaN);
    }
}
