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

    /** The trained pipeline outcome and the snapshot date. */
    public record Result(BinaryPipeline.Outcome outcome, Instant cutoff) {
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

        List<String> limitations = List.of(
                "One shop, one year (2010-12 to 2011-12): seasonality (a Christmas peak) is seen once; the cut-off falls in"
                        + " September, so the label window covers the pre-Christmas season.",
                "Churn here means no purchase in 90 days; a customer who buys once a year counts as churned.",
                "Profiles must be refreshed as orders arrive: a score reads the aggregates as of the profile's asOf date.",
                "Country is the only attribute besides behaviour; the data has no demographics, by design (minimisation).");
        BinaryPipeline.Notes notes = new BinaryPipeline.Notes(
                "no purchase in the " + ChurnDataset.HORIZON.toDays() + " days after the cut-off (churned = 1)", chosen -> references,
                List.of(), limitations);
        BinaryPipeline.Outcome outcome = pipeline.run(NAME, data, notes, trained -> outOfTime(orders, cutoff, rows, trained));
        return new Result(outcome, cutoff);
    }

    /** Fit on the snapshot one horizon earlier, score the deployed snapshot. */
    private Map<String, Double> outOfTime(List<Order> orders, Instant cutoff, List<ChurnDataset.Row> current,
                                          TrainedBinaryModel trained) {
        Instant earlier = cutoff.minus(ChurnDataset.HORIZON);
        List<ChurnDataset.Row> past = ChurnDataset.build(orders, earlier);
        BinaryTrainer.Fitted model = trainer.fitAll(trained.chosen().candidate(),
                new BinaryDataset(ChurnDataset.sources(past), ChurnDataset.labels(past), ChurnDataset.fields(),
                        "earlier snapshot", "n/a"));
        double[] scores = BinaryTrainer.score(model.model(), model.spec(), ChurnDataset.sources(current));
        boolean[] y = ChurnDataset.labels(current);
        Map<String, Double> m = new LinkedHashMap<>();
        // Fitted on the snapshot one horizon before the cut-off, scored on the cut-off's customers.
        m.put("outOfTime.rocAuc", BinaryMetrics.rocAuc(y, scores));
        m.put("outOfTime.averagePrecision", BinaryMetrics.averagePrecision(y, scores));
        progress.accept(String.format("churn: out-of-time ROC AUC %.4f (trained on the %s snapshot)",
                BinaryMetrics.rocAuc(y, scores), earlier.toString().substring(0, 10)));
        return m;
    }
}
