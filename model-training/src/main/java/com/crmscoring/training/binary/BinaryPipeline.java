package com.crmscoring.training.binary;

import com.crmscoring.training.publish.Fingerprint;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Train, choose, set thresholds, export with parity: the steps every binary model goes through. */
public final class BinaryPipeline {

    /** Share of customers in the "high" risk band, by training score. */
    public static final double HIGH_BAND_SHARE = 0.2;
    /** Share of customers in the "high" or "medium" band. */
    public static final double MEDIUM_BAND_SHARE = 0.5;

    /** The trained model and its export. */
    public record Outcome(TrainedBinaryModel trained, OnnxBinaryExporter.Exported exported) {
    }

    private final BinaryTrainer trainer;
    private final OnnxBinaryExporter exporter;
    private final long seed;

    public BinaryPipeline(BinaryTrainer trainer, OnnxBinaryExporter exporter, long seed) {
        this.trainer = trainer;
        this.exporter = exporter;
        this.seed = seed;
    }

    public SelectionMetric selection() {
        return trainer.selection();
    }

    public Outcome run(String name, BinaryDataset data) {
        TrainedBinaryModel trained = trainer.train(data);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("cv.rocAuc", trained.chosen().meanRocAuc());
        metrics.put("cv.rocAucStd", trained.chosen().stdRocAuc());
        metrics.put("cv.averagePrecision", trained.chosen().meanAveragePrecision());
        metrics.put("cv.liftAt10", trained.chosen().meanLiftAt10());
        metrics.put("train.positiveRate", (double) data.positives() / data.positive().length);
        // Bands by rank, so that "high" means the same share of customers whatever the base rate.
        Map<String, Double> thresholds = new LinkedHashMap<>();
        thresholds.put("band.high", quantile(trained.trainScores(), 1 - HIGH_BAND_SHARE));
        thresholds.put("band.medium", quantile(trained.trainScores(), 1 - MEDIUM_BAND_SHARE));
        String version = Fingerprint.version(data.fingerprint(), trained.chosen().description(), seed);
        return new Outcome(trained, exporter.export(trained, name, version, metrics, thresholds));
    }

    static double quantile(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int i = (int) Math.min(sorted.length - 1, Math.max(0, Math.floor(q * sorted.length)));
        return sorted[i];
    }
}
