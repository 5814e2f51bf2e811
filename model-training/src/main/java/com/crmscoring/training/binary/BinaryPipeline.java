package com.crmscoring.training.binary;

import com.crmscoring.shared.model.ModelMetadata;
import com.crmscoring.training.card.ModelCard;
import com.crmscoring.training.export.ExportPipeline;
import com.crmscoring.training.export.ExportedModel;
import com.crmscoring.training.export.ModelExport;
import com.crmscoring.training.export.NaturalDomain;
import com.crmscoring.training.export.TribuoExport;
import com.crmscoring.training.export.UserDecision;
import com.crmscoring.training.publish.Fingerprint;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The recipe of every yes/no model (the shop's churn, the CSV path): train and choose, set the
 * risk bands, and hand the graph to the {@link ExportPipeline}, with the risk band as the
 * decision parity must preserve.
 */
public final class BinaryPipeline {

    /** Share of customers in the "high" risk band, by training score. */
    public static final double HIGH_BAND_SHARE = 0.2;
    /** Share of customers in the "high" or "medium" band. */
    public static final double MEDIUM_BAND_SHARE = 0.5;

    /** The trained model and its export. */
    public record Outcome(TrainedBinaryModel trained, ExportedModel exported) {
    }

    /**
     * What the card says beyond the evidence the pipeline has.
     *
     * @param target        what the positive class means
     * @param references    published figures beside the chosen candidate's own
     * @param dataDecisions what was inferred about the data and why
     */
    public record Notes(String target, Function<CvResult, List<ModelCard.Reference>> references, List<String> dataDecisions,
                        List<String> limitations) {
    }

    private final BinaryTrainer trainer;
    private final ExportPipeline export = new ExportPipeline();
    private final long seed;

    public BinaryPipeline(BinaryTrainer trainer, long seed) {
        this.trainer = trainer;
        this.seed = seed;
    }

    public SelectionMetric selection() {
        return trainer.selection();
    }

    public Outcome run(String name, BinaryDataset data, Notes notes) {
        return run(name, data, notes, trained -> Map.of());
    }

    /**
     * @param extraMetrics further measured figures for the metadata and card, such as an
     *                     out-of-time check of the chosen family
     * @throws com.crmscoring.training.export.ParityException when the export does not score as the model
     */
    public Outcome run(String name, BinaryDataset data, Notes notes,
                       Function<TrainedBinaryModel, Map<String, Double>> extraMetrics) {
        TrainedBinaryModel trained = trainer.train(data);
        CvResult chosen = trained.chosen();
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("cv.rocAuc", chosen.meanRocAuc());
        metrics.put("cv.rocAucStd", chosen.stdRocAuc());
        metrics.put("cv.averagePrecision", chosen.meanAveragePrecision());
        metrics.put("cv.liftAt10", chosen.meanLiftAt10());
        metrics.put("train.positiveRate", (double) data.positives() / data.positive().length);
        metrics.putAll(extraMetrics.apply(trained));
        // Bands by rank, so that "high" means the same share of customers whatever the base rate.
        double high = quantile(trained.trainScores(), 1 - HIGH_BAND_SHARE);
        double medium = quantile(trained.trainScores(), 1 - MEDIUM_BAND_SHARE);
        Map<String, Double> thresholds = new LinkedHashMap<>();
        thresholds.put("band.high", high);
        thresholds.put("band.medium", medium);

        List<String> columns = trained.vectorizer().columns();
        List<String> labels = TribuoExport.outputLabels(trained.model());
        var graph = TribuoExport.classifierGraph(trained.model(), columns.size());
        ModelMetadata metadata = ModelMetadata.builder(name, "binary-classification")
                .version(Fingerprint.version(data.fingerprint(), chosen.description(), seed))
                .algorithm(chosen.description())
                .positiveLabel(BinaryTrainer.POSITIVE)
                .features(trained.spec(), columns)
                .graph(graph.getGraph().getInput(0).getName(), graph.getGraph().getOutput(0).getName(), labels)
                .data(data.fingerprint(), data.trainedOn())
                .metrics(metrics)
                .thresholds(thresholds)
                .linear(TribuoExport.linearParameters(trained.model(), columns.size(), false))
                .build();
        UserDecision band = UserDecision.bands("risk band", 0, new double[] {logit(medium), logit(high)},
                List.of("low", "medium", "high"));
        ModelCard.Content card = new ModelCard.Content(notes.target(), data.positive().length, chosen.candidate(),
                trainer.folds() + "-fold stratified cross-validation (seeded shuffle); feature statistics refitted on each"
                        + " training fold; metrics are the mean ± standard deviation over folds; chosen by mean "
                        + trainer.selection().label(),
                trained.cv().stream().map(BinaryPipeline::candidate).toList(), notes.references().apply(chosen), List.of(),
                notes.dataDecisions(), seed, notes.limitations());
        ExportedModel exported = export.export(new ModelExport(metadata, graph, data.rows(), NaturalDomain.LOG_ODDS,
                TribuoExport.classifier(trained.model(), trained.spec(), columns, data.rows(), labels, BinaryTrainer.POSITIVE,
                        NaturalDomain.LOG_ODDS), band, card));
        return new Outcome(trained, exported);
    }

    private static ModelCard.CandidateResult candidate(CvResult r) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("rocAuc", r.meanRocAuc());
        m.put("rocAucStd", r.stdRocAuc());
        m.put("averagePrecision", r.meanAveragePrecision());
        m.put("averagePrecisionStd", r.stdAveragePrecision());
        m.put("liftAt10", r.meanLiftAt10());
        return new ModelCard.CandidateResult(r.candidate(), r.description(), m);
    }

    private static double logit(double p) {
        return Math.log(p) - Math.log1p(-p);
    }

    static double quantile(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int i = (int) Math.min(sorted.length - 1, Math.max(0, Math.floor(q * sorted.length)));
        return sorted[i];
    }
}
