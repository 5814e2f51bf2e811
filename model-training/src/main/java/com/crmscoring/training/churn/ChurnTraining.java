package com.crmscoring.training.churn;

import com.crmscoring.shared.domain.Order;
import com.crmscoring.shared.model.ServedModel;
import com.crmscoring.shared.retail.OnlineRetailReader;
import com.crmscoring.training.binary.BinaryDataset;
import com.crmscoring.training.binary.BinaryPipeline;
import com.crmscoring.training.binary.BinaryTrainer;
import com.crmscoring.training.binary.TrainedBinaryModel;
import com.crmscoring.training.card.ModelCard;
import com.crmscoring.training.eval.BinaryMetrics;
import com.crmscoring.training.publish.Fingerprint;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Trains the web shop's churn model from its order history.
 *
 * <p>The cut-off is {@link ChurnDataset#HORIZON} before the end of the data, so the whole label
 * window is observed. Beside cross-validation on that snapshot, the chosen family is also
 * refitted on the snapshot one horizon earlier and scored on this one: an out-of-time check of
 * how the model does on the future it is deployed for.
 */
public final class ChurnTraining {

    /** Model name, as scoring looks it up. */
    public static final String NAME = ServedModel.CHURN.modelName();

    /** The trained pipeline outcome: the chosen model, its evaluation and the exported file. */
    public record Result(BinaryPipeline.Outcome outcome) {
    }

    private final BinaryPipeline pipeline;
    private final BinaryTrainer trainer;
    private final Consumer<String> progress;

    public ChurnTraining(BinaryPipeline pipeline, BinaryTrainer trainer, Consumer<String> progress) {
        this.pipeline = pipeline;
        this.trainer = trainer;
        this.progress = progress;
    }

    /**
     * @param ordersFile the Online Retail export
     * @param references published or benchmark figures to print next to ours
     */
    public Result train(Path ordersFile, List<ModelCard.Reference> references) throws IOException {
        return train(ordersFile, references, Duration.ZERO);
    }

    /**
     * The same model fitted at a cut-off {@code earlier} than the latest one: the previous
     * quarter's version, which the shadow tests run beside today's as a real second version.
     */
    public Result train(Path ordersFile, List<ModelCard.Reference> references, Duration earlier) throws IOException {
        OnlineRetailReader.Result read = new OnlineRetailReader().read(ordersFile);
        progress.accept(String.format("churn: %,d order lines read, %,d orders, %,d lines rejected %s",
                read.linesRead(), read.orders().size(), read.linesRejected(), read.rejected()));
        List<Order> orders = read.orders();
        Instant end = ChurnDataset.observationEnd(orders);
        Instant cutoff = end.minus(ChurnDataset.HORIZON).minus(earlier);
        List<ChurnDataset.Row> rows = ChurnDataset.build(orders, cutoff);
        String parameters = "cutoff=" + cutoff + ";horizon=" + ChurnDataset.HORIZON;
        BinaryDataset data = new BinaryDataset(ChurnDataset.sources(rows), ChurnDataset.labels(rows), ChurnDataset.fields(),
                ordersFile.getFileName() + ": " + rows.size() + " customers with a purchase before " + cutoff
                        + "; features as of that cut-off, label from the " + ChurnDataset.HORIZON.toDays() + " days after",
                Fingerprint.of(ordersFile, parameters));
        progress.accept(String.format("churn: %,d customers at cut-off %s, %.1f %% churned in the next %d days",
                rows.size(), cutoff, 100.0 * data.positives() / rows.size(), ChurnDataset.HORIZON.toDays()));

        BinaryPipeline.Notes notes = notes(references, List.of(), List.of(
                "One shop, one year (2010-12 to 2011-12): seasonality (a Christmas peak) is seen once; the cut-off falls in"
                        + " September, so the label window covers the pre-Christmas season."));
        BinaryPipeline.Outcome outcome = pipeline.run(NAME, data, notes, trained -> {
            List<ChurnDataset.Row> past = ChurnDataset.build(orders, cutoff.minus(ChurnDataset.HORIZON));
            return outOfTime(new BinaryDataset(ChurnDataset.sources(past), ChurnDataset.labels(past), ChurnDataset.fields(),
                    "earlier snapshot", "n/a"), data, trained, cutoff.minus(ChurnDataset.HORIZON).toString().substring(0, 10));
        });
        return new Result(outcome);
    }

    /**
     * The churn model from the training table the Spark job wrote ({@link ChurnFeatureTable}):
     * the same rows {@link ChurnDataset#build} makes, built where the history fits.
     *
     * @param table        the job's {@code features/} folder at the deployed cut-off
     * @param earlierTable the job's table one horizon before it, for the out-of-time check; null for none
     * @param maxRows      the most rows to train on; a larger table is sampled down to it, stratified
     */
    public Result train(Path table, Path earlierTable, long maxRows, long seed, List<ModelCard.Reference> references) throws IOException {
        ChurnFeatureTable.Read read = ChurnFeatureTable.read(table, maxRows, seed);
        progress.accept(String.format("churn: %s", read.description(seed)));
        BinaryDataset data = new BinaryDataset(read.rows(), read.labels(), ChurnDataset.fields(),
                read.description(seed) + "; features as of the job's cut-off, label from the "
                        + ChurnDataset.HORIZON.toDays() + " days after", read.fingerprint());
        List<String> decisions = read.sampled()
                ? List.of(String.format("The table has more rows than the trainer holds (--max-rows %,d, by default what the heap"
                        + " holds): trained, cross-validated"
                        + " and banded on a stratified sample of %,d of its %,d rows, the churned share kept. A uniform sample"
                        + " of this size estimates a share to within ±%.4f (95 %%, at worst).", maxRows, read.rows().size(), read.tableRows(),
                        1 / Math.sqrt(read.rows().size())))
                : List.of();
        BinaryPipeline.Notes notes = notes(references, decisions, List.of(
                "Built by the Spark job: the cut-off and the data's span are in the job's summary.json beside the table."));
        // Read before training, so that a bad earlier table fails before an hour's fit, not after.
        ChurnFeatureTable.Read past = earlierTable == null ? null : ChurnFeatureTable.read(earlierTable, maxRows, seed);
        BinaryPipeline.Outcome outcome = pipeline.run(NAME, data, notes, trained -> {
            if (past == null) {
                progress.accept("churn: no earlier table given, so no out-of-time check");
                return Map.of();
            }
            return outOfTime(new BinaryDataset(past.rows(), past.labels(), ChurnDataset.fields(), "earlier snapshot", "n/a"),
                    data, trained, earlierTable.toString());
        });
        return new Result(outcome);
    }

    private static BinaryPipeline.Notes notes(List<ModelCard.Reference> references, List<String> dataDecisions, List<String> dataLimitations) {
        List<String> limitations = new java.util.ArrayList<>(dataLimitations);
        limitations.addAll(List.of(
                "Churn here means no purchase in 90 days; a customer who buys once a year counts as churned.",
                "Profiles must be refreshed as orders arrive: a score reads the aggregates as of the profile's asOf date.",
                "Country is the only attribute besides behaviour; the data has no demographics, by design (minimisation)."));
        return new BinaryPipeline.Notes(
                "no purchase in the " + ChurnDataset.HORIZON.toDays() + " days after the cut-off (churned = 1)", chosen -> references,
                dataDecisions, limitations);
    }

    /** Fit the chosen family on the snapshot one horizon earlier, score the deployed snapshot. */
    private Map<String, Double> outOfTime(BinaryDataset past, BinaryDataset current, TrainedBinaryModel trained, String earlier) {
        BinaryTrainer.Fitted model = trainer.fitAll(trained.chosen().candidate(), past);
        double[] scores = BinaryTrainer.score(model.model(), model.spec(), current.rows());
        boolean[] y = current.positive();
        Map<String, Double> m = new LinkedHashMap<>();
        // Fitted on the snapshot one horizon before the cut-off, scored on the cut-off's customers.
        m.put("outOfTime.rocAuc", BinaryMetrics.rocAuc(y, scores));
        m.put("outOfTime.averagePrecision", BinaryMetrics.averagePrecision(y, scores));
        progress.accept(String.format("churn: out-of-time ROC AUC %.4f (trained on the %s snapshot)", BinaryMetrics.rocAuc(y, scores), earlier));
        return m;
    }
}
