package com.crmscoring.training;

import com.crmscoring.shared.model.DeepStack;
import com.crmscoring.shared.offers.OfferCatalogue;
import com.crmscoring.training.binary.BinaryFamilies;
import com.crmscoring.training.binary.BinaryPipeline;
import com.crmscoring.training.binary.BinaryTrainer;
import com.crmscoring.training.binary.SelectionMetric;
import com.crmscoring.training.card.ModelCard;
import com.crmscoring.training.card.PublishedResults;
import com.crmscoring.training.churn.ChurnDataset;
import com.crmscoring.training.churn.ChurnFeatureTable;
import com.crmscoring.training.churn.ChurnTraining;
import com.crmscoring.training.clv.LifetimeValueTraining;
import com.crmscoring.training.csv.CsvTraining;
import com.crmscoring.training.export.ExportedModel;
import com.crmscoring.training.export.ParityException;
import com.crmscoring.training.fraud.OrderAnomalyTraining;
import com.crmscoring.training.nbo.NextBestOfferTraining;
import com.crmscoring.training.report.ReportSections;
import com.crmscoring.training.report.TrainingReport;
import com.crmscoring.training.segment.SegmentTraining;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * The training command: it parses options (picocli) and delegates. {@code train --help} and
 * {@code train COMMAND --help} list everything; {@code all} is what the build runs.
 *
 * <p>Exit status 0 on success, 2 on bad input (picocli's usage errors, and a message naming the
 * problem for bad data), 1 on a failure of the training itself (for example a failed parity check).
 */
@Command(name = "train", synopsisSubcommandLabel = "COMMAND", usageHelpAutoWidth = true,
        description = "Trains the CRM scoring models and writes each as <name>.onnx with <name>.card.json, <name>.card.md,"
                + " and training-report.html.")
public final class TrainCommand implements Callable<Integer> {

    /** Default seed: every shuffle and every SGD run derives from it. */
    public static final long DEFAULT_SEED = 42L;
    /** Folds of the cross-validation, as in the published reference results. */
    public static final int DEFAULT_FOLDS = 5;

    static final String TELCO_FILE = "telco-customer-churn.csv";
    static final String REPORT_FILE = "training-report.html";
    static final String RETAIL_FILE = "online-retail.csv.gz";
    /** The folder under the models' where challenger versions go (class path {@code models/challengers/}). */
    static final String CHALLENGERS = "challengers";
    static final String FRAUD_FILE = "creditcard-fraud-sample.csv";
    static final String BANK_FILE = "bank-marketing-full.csv";

    /** Held here: java.util.logging keeps loggers weakly, and a collected one forgets its level. */
    private static final Logger TRIBUO_LOG = Logger.getLogger("org.tribuo");

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "this help; COMMAND --help for a command's options")
    boolean help;

    /** Options every command takes. */
    static final class Common {
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "this help")
        boolean help;

        @Option(names = "--seed", defaultValue = "" + DEFAULT_SEED, description = "seed of every shuffle and fit (default ${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--folds", defaultValue = "" + DEFAULT_FOLDS, description = "cross-validation folds, 2 to 20 (default ${DEFAULT-VALUE})")
        int folds;

        void validate() {
            if (folds < 2 || folds > 20) {
                throw new IllegalArgumentException("--folds must be between 2 and 20, was " + folds);
            }
        }
    }

    private final PrintStream out;
    /** One page per run, with every model trained in it. */
    private final TrainingReport report = new TrainingReport("CRM scoring: training report",
            "Every figure below is measured by the training command that wrote this page.");

    TrainCommand(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        TRIBUO_LOG.setLevel(Level.WARNING);
        // ONNX Runtime extracts its native library there; a build may point it at a fresh target/.
        java.nio.file.Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
        int status;
        try {
            // ONNX Runtime needs a deep stack under a Maven-length command line (see DeepStack).
            status = DeepStack.run("train", () -> new TrainCommand(System.out).run(args));
        } catch (RuntimeException | Error e) {
            // Anything unexpected (a native library that will not load, say) must fail the
            // command: a build that goes on without its models is worse than one that stops.
            Logger.getLogger(TrainCommand.class.getName()).log(Level.SEVERE, "training failed unexpectedly", e);
            status = 1;
        }
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Parses {@code args}, runs the command, and returns its exit status. */
    int run(String... args) {
        CommandLine line = new CommandLine(this);
        line.setOut(new PrintWriter(out, true));
        line.setExecutionExceptionHandler((e, failed, parsed) -> {
            if (e instanceof ParityException) {
                failed.getErr().println("error: the exported model was not published: " + e.getMessage());
                return 1;
            }
            if (e instanceof IllegalArgumentException || e instanceof IOException) {
                failed.getErr().println("error: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return line.execute(args);
    }

    /** No command given: say what there is, and fail as bad input does. */
    @Override
    public Integer call() {
        CommandLine.usage(this, out);
        return 2;
    }

    @Command(name = "all", description = "Every model: the shop's churn, segments, lifetime"
            + " value, fraud screening and next best offer, and the three public benchmarks (Telco churn, card fraud, bank offers).")
    int all(@Option(names = "--data-dir", required = true, description = "folder with the public data sets") Path dataDir,
            @Option(names = "--out", required = true, description = "where models, cards and the report go") Path outDir,
            @Mixin Common common) throws IOException {
        common.validate();
        return timed(outDir, () -> all(dataDir, outDir, common.seed, common.folds));
    }

    @Command(name = "churn", description = "The churn model from an Online Retail style export, or from the training table"
            + " the Spark job wrote.")
    int churn(@Option(names = "--orders", description = "the order lines (CSV, optionally gzipped)") Path orders,
              @Option(names = "--features-table", paramLabel = "DIR",
                      description = "instead of --orders: the Spark job's features/ folder (Parquet)") Path table,
              @Option(names = "--earlier-table", paramLabel = "DIR",
                      description = "with --features-table: the job's table one horizon earlier, for the out-of-time check") Path earlier,
              @Option(names = "--max-rows", description = "with --features-table: the most rows to train on; a larger table is"
                      + " sampled down to it, stratified by label (default: what the heap holds, -Xmx / 5,000 bytes)") Long maxRows,
              @Option(names = "--out", required = true, description = "where the model, its card and the report go") Path outDir,
              @Mixin Common common) throws IOException {
        common.validate();
        if ((orders == null) == (table == null)) {
            throw new IllegalArgumentException("give either --orders or --features-table");
        }
        if (earlier != null && table == null) {
            throw new IllegalArgumentException("--earlier-table goes with --features-table");
        }
        if (table == null) {
            return timed(outDir, () -> churn(orders, outDir, common.seed, common.folds, List.of()));
        }
        return timed(outDir, () -> {
            BinaryTrainer trainer = trainer(common.seed, common.folds, SelectionMetric.ROC_AUC);
            publish(outDir, new ChurnTraining(new BinaryPipeline(trainer, common.seed), trainer, out::println)
                    .train(table, earlier, maxRows != null ? maxRows : ChurnFeatureTable.rowsTheHeapHolds(), common.seed, List.of())
                    .outcome());
        });
    }

    @Command(name = "segments",
            description = "Customer segments and life-cycle rules from an Online Retail style export.")
    int segments(@Option(names = "--orders", required = true, description = "the order lines (CSV, optionally gzipped)") Path orders,
                 @Option(names = "--out", required = true, description = "where the model, its card and the report go") Path outDir,
                 @Mixin Common common) throws IOException {
        common.validate();
        return timed(outDir, () -> segments(orders, outDir, common.seed));
    }

    @Command(name = "csv", description = "A yes/no model from any CSV file.")
    int csv(@Option(names = "--file", required = true, description = "the CSV file (, or ; separated, with a header)") Path file,
            @Option(names = "--target", required = true, description = "the column to predict") String target,
            @Option(names = "--positive", required = true, description = "its value that counts as yes (case and spaces ignored)")
            String positive,
            @Option(names = "--name", required = true, description = "the model's name: lower-case letters, digits, dashes") String name,
            @Option(names = "--out", required = true, description = "where the model, its card and the report go") Path outDir,
            @Option(names = "--exclude", split = ",", paramLabel = "COLUMN", description = "columns to leave out (e.g. a leak)")
            Set<String> exclude,
            @Option(names = "--include", split = ",", paramLabel = "COLUMN",
                    description = "columns to keep although they look like personal data or identifiers") Set<String> include,
            @Option(names = "--select-by", defaultValue = "roc-auc", description = "roc-auc or average-precision (rare positives)")
            String selectBy,
            @Mixin Common common) throws IOException {
        common.validate();
        if (!name.matches("[a-z0-9][a-z0-9-]{0,63}")) {
            throw new IllegalArgumentException("--name must be lower-case letters, digits and dashes, was '" + name + "'");
        }
        SelectionMetric selection = SelectionMetric.parse(selectBy);
        return timed(outDir, () -> publish(outDir, csvTraining(common.seed, common.folds, selection).train(name, file, target,
                positive, exclude == null ? Set.of() : exclude, include == null ? Set.of() : include, chosen -> List.of()).outcome()));
    }

    /** Runs one command's work, then writes the report beside its models. */
    private int timed(Path outDir, IoWork work) throws IOException {
        long start = System.nanoTime();
        work.run();
        Path reportFile = outDir.resolve(REPORT_FILE);
        report.write(reportFile);
        out.printf("report: %s%ndone in %.1f s%n", reportFile, (System.nanoTime() - start) / 1e9);
        return 0;
    }

    private void all(Path dataDir, Path outDir, long seed, int folds) throws IOException {
        PublishedResults published = new PublishedResults();
        double[] telcoAuc = new double[1];
        List<Stage> stages = List.of(
                new Stage("telco-churn: the generic CSV path on the public Telco benchmark", () -> {
                    BinaryPipeline.Outcome telco = csvTraining(seed, folds, SelectionMetric.ROC_AUC).train("telco-churn",
                            dataDir.resolve(TELCO_FILE), "Churn", "Yes", Set.of(), Set.of(),
chosen -> List.of(published.reference("telco-churn", chosen.meanRocAuc()))).outcome();
                    telcoAuc[0] = telco.trained().chosen().meanRocAuc();
                    publish(outDir, telco);
                }),
                // The shop's churn card shows the same method on the public benchmark beside its own figure.
                new Stage("churn: the shop's churn model", () -> churn(dataDir.resolve(RETAIL_FILE), outDir, seed, folds,
                        List.of(published.reference("telco-churn", telcoAuc[0])))),
                // A real second version for the shadow challenger: the same recipe one quarter earlier.
                new Stage("churn, one quarter earlier: the challenger version", () -> churnChallenger(dataDir.resolve(RETAIL_FILE),
                        outDir.resolve(CHALLENGERS), seed, folds)),
                new Stage("segments: customer segments and life-cycle rules", () -> segments(dataDir.resolve(RETAIL_FILE), outDir, seed)),
                new Stage("lifetime-value: expected spend in the next 90 days", () -> lifetimeValue(dataDir.resolve(RETAIL_FILE),
                        outDir, seed, folds)),
                new Stage("fraud-anomaly: unusual orders, without labels", () -> fraudAnomaly(dataDir.resolve(RETAIL_FILE), outDir, seed)),
                new Stage("next-best-offer: propensity model and basket/sequence rules over the offer catalogue",
                        () -> nextBestOffer(dataDir.resolve(RETAIL_FILE), outDir, seed, folds)),
                new Stage("fraud-supervised: card fraud with labels, chosen by average precision", () -> publish(outDir,
                        csvTraining(seed, folds, SelectionMetric.AVERAGE_PRECISION).train("fraud-supervised",
                                dataDir.resolve(FRAUD_FILE), "Class", "1", Set.of(), Set.of(),
chosen -> List.of(published.reference("fraud-supervised", chosen.meanAveragePrecision()))).outcome())),
                new Stage("bank-offer: offer response on the public bank-marketing data, without duration", () -> publish(outDir,
                        csvTraining(seed, folds, SelectionMetric.ROC_AUC).train("bank-offer", dataDir.resolve(BANK_FILE), "y", "yes",
                                Set.of("duration"), Set.of(),
chosen -> List.of(published.reference("bank-offer", chosen.meanRocAuc()))).outcome())));
        for (int i = 0; i < stages.size(); i++) {
            long start = System.nanoTime();
            out.printf("[%d/%d] %s%n", i + 1, stages.size(), stages.get(i).title());
            stages.get(i).work().run();
            out.printf("[%d/%d] done in %.1f s%n", i + 1, stages.size(), (System.nanoTime() - start) / 1e9);
        }
    }

    /** One step of {@code all}, with a title for the progress display. */
    private record Stage(String title, IoWork work) {
    }

    @FunctionalInterface
    private interface IoWork {
        void run() throws IOException;
    }

    private void lifetimeValue(Path orders, Path outDir, long seed, int folds) throws IOException {
        LifetimeValueTraining.Result result = new LifetimeValueTraining(folds, seed, out::println).train(orders);
        published(outDir, result.exported());
        ReportSections.lifetimeValue(report, result);
        out.printf("%s %s: MAE %.2f against the naive forecast's %.2f%n", LifetimeValueTraining.NAME,
                result.metadata().version(), result.metadata().metrics().get("cv.mae"), result.baseline().mae());
    }

    private void fraudAnomaly(Path orders, Path outDir, long seed) throws IOException {
        OrderAnomalyTraining.Result result = new OrderAnomalyTraining(seed, out::println).train(orders);
        published(outDir, result.exported());
        ReportSections.fraudAnomaly(report, result);
        out.printf("%s %s: %d support vectors, held-out review rate %.2f %%%n", OrderAnomalyTraining.NAME,
                result.metadata().version(), result.supportVectors(), 100 * result.heldOutReviewRate());
    }

    private void nextBestOffer(Path orders, Path outDir, long seed, int folds) throws IOException {
        NextBestOfferTraining.Result result = new NextBestOfferTraining(OfferCatalogue.loadDefault(), folds, seed, out::println)
                .train(orders);
        published(outDir, result.exported());
        ReportSections.nextBestOffer(report, result);
        out.printf("%s %s: %d rules; out-of-time hit@1 %s%n", NextBestOfferTraining.NAME, result.metadata().version(),
                result.metadata().rules().size(), result.evaluation().stream()
                        .map(e -> e.method() + " " + String.format(Locale.ROOT, "%.3f", e.hitAt1())).toList());
    }

    private void segments(Path orders, Path outDir, long seed) throws IOException {
        SegmentTraining.Result result = new SegmentTraining(seed, out::println).train(orders);
        published(outDir, result.exported());
        ReportSections.segments(report, result);
        out.printf("%s %s: k=%d, silhouette %.4f; segments %s%n", SegmentTraining.NAME, result.metadata().version(),
                result.metadata().metrics().get("k").intValue(), result.metadata().metrics().get("silhouette"),
                result.metadata().outputLabels());
    }

    private void churn(Path orders, Path outDir, long seed, int folds, List<ModelCard.Reference> references) throws IOException {
        BinaryTrainer trainer = trainer(seed, folds, SelectionMetric.ROC_AUC);
        ChurnTraining.Result result = new ChurnTraining(new BinaryPipeline(trainer, seed), trainer, out::println)
                .train(orders, references);
        publish(outDir, result.outcome());
    }

    /**
     * The churn model at the cut-off one horizon earlier, published under {@value #CHALLENGERS}:
     * a second real version (its own data fingerprint and so its own version) for shadow scoring.
     * Not in the report: it is today's recipe on older data, not a model to choose.
     */
    private void churnChallenger(Path orders, Path outDir, long seed, int folds) throws IOException {
        BinaryTrainer trainer = trainer(seed, folds, SelectionMetric.ROC_AUC);
        ChurnTraining.Result result = new ChurnTraining(new BinaryPipeline(trainer, seed), trainer, out::println)
                .train(orders, List.of(), ChurnDataset.HORIZON);
        published(outDir, result.outcome().exported());
    }

    private CsvTraining csvTraining(long seed, int folds, SelectionMetric selection) {
        return new CsvTraining(new BinaryPipeline(trainer(seed, folds, selection), seed), out::println);
    }

    private BinaryTrainer trainer(long seed, int folds, SelectionMetric selection) {
        return new BinaryTrainer(BinaryFamilies.exportable(), folds, seed, out::println, selection);
    }

    private void publish(Path outDir, BinaryPipeline.Outcome outcome) throws IOException {
        ExportedModel exported = outcome.exported();
        published(outDir, exported);
        ReportSections.binary(report, outcome);
        out.printf("%s %s: chosen %s, CV ROC AUC %.4f, AP %.4f%n", exported.metadata().name(), exported.metadata().version(),
                outcome.trained().chosen().candidate(), outcome.trained().chosen().meanRocAuc(),
                outcome.trained().chosen().meanAveragePrecision());
    }

    /** Publishes a model and its card, and says where, with its parity margin. */
    private void published(Path outDir, ExportedModel exported) throws IOException {
        Path file = exported.publish(outDir);
        out.printf("%s: %s; parity margin %.4f of the float32 tolerance over %,d rows (largest difference %.2e, %s)%n",
                exported.metadata().name(), file, exported.parity().margin(), exported.parity().rows(),
                exported.parity().maxDifference(), exported.parity().domain());
    }
}
