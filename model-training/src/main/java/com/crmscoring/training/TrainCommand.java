package com.crmscoring.training;

import com.crmscoring.shared.model.DeepStack;
import com.crmscoring.training.binary.BinaryFamilies;
import com.crmscoring.training.binary.BinaryPipeline;
import com.crmscoring.training.binary.BinaryTrainer;
import com.crmscoring.training.binary.SelectionMetric;
import com.crmscoring.training.card.ModelCard;
import com.crmscoring.training.card.PublishedResults;
import com.crmscoring.training.export.ExportedModel;
import com.crmscoring.training.export.ParityException;
import com.crmscoring.training.churn.ChurnTraining;
import com.crmscoring.training.clv.LifetimeValueTraining;
import com.crmscoring.training.csv.CsvTraining;
import com.crmscoring.training.fraud.OrderAnomalyTraining;
import com.crmscoring.training.nbo.NextBestOfferTraining;
import com.crmscoring.shared.offers.OfferCatalogue;
import com.crmscoring.training.report.ReportSections;
import com.crmscoring.training.report.TrainingReport;
import com.crmscoring.training.segment.SegmentTraining;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The training command. It only parses options and delegates:
 *
 * <pre>
 * all   --data-dir DIR --out DIR               every model: the shop's churn, segments, lifetime value,
 *                                              fraud screening and next best offer, and the three
 *                                              public benchmarks (Telco churn, card fraud, bank offers)
 * churn --orders FILE --out DIR                the churn model from an Online Retail style export
 * segments --orders FILE --out DIR             customer segments and life-cycle rules from the same export
 * csv   --file FILE --target COL --positive V --name NAME --out DIR [--exclude A,B] [--include C,D]
 *       [--select-by roc-auc|average-precision]  a binary model from any CSV
 * common: [--seed N] [--folds K]
 * </pre>
 *
 * Exit status 0 on success, 2 on bad input (with a message naming the problem), 1 on a failure
 * of the training itself (for example a failed parity check).
 */
public final class TrainCommand {

    /** Default seed: every shuffle and every SGD run derives from it. */
    public static final long DEFAULT_SEED = 42L;
    /** Folds of the cross-validation, as in the published reference results. */
    public static final int DEFAULT_FOLDS = 5;

    static final String TELCO_FILE = "telco-customer-churn.csv";
    static final String REPORT_FILE = "training-report.html";
    static final String RETAIL_FILE = "online-retail.csv.gz";
    static final String FRAUD_FILE = "creditcard-fraud-sample.csv";
    static final String BANK_FILE = "bank-marketing-full.csv";

    /** Held here: java.util.logging keeps loggers weakly, and a collected one forgets its level. */
    private static final Logger TRIBUO_LOG = Logger.getLogger("org.tribuo");

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

    int run(String[] args) {
        if (args.length == 0 || args[0].equals("--help")) {
            out.println(usage());
            return args.length == 0 ? 2 : 0;
        }
        try {
            Map<String, String> options = options(Arrays.copyOfRange(args, 1, args.length));
            long seed = number(options, "seed", DEFAULT_SEED);
            int folds = (int) number(options, "folds", DEFAULT_FOLDS);
            if (folds < 2 || folds > 20) {
                throw new IllegalArgumentException("--folds must be between 2 and 20, was " + folds);
            }
            long start = System.nanoTime();
            switch (args[0]) {
                case "all" -> all(Path.of(required(options, "data-dir")), Path.of(required(options, "out")), seed, folds);
                case "churn" -> churn(Path.of(required(options, "orders")), Path.of(required(options, "out")), seed, folds, List.of());
                case "segments" -> segments(Path.of(required(options, "orders")), Path.of(required(options, "out")), seed);
                case "csv" -> csv(options, seed, folds);
                default -> throw new IllegalArgumentException("unknown command '" + args[0] + "'\n" + usage());
            }
            Path reportFile = Path.of(options.getOrDefault("out", ".")).resolve(REPORT_FILE);
            report.write(reportFile);
            out.printf("report: %s%ndone in %.1f s%n", reportFile, (System.nanoTime() - start) / 1e9);
            return 0;
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        } catch (ParityException e) {
            System.err.println("error: the exported model was not published: " + e.getMessage());
            return 1;
        }
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

    private void csv(Map<String, String> options, long seed, int folds) throws IOException {
        Set<String> exclude = columns(options, "exclude");
        Set<String> include = columns(options, "include");
        String name = required(options, "name");
        if (!name.matches("[a-z0-9][a-z0-9-]{0,63}")) {
            throw new IllegalArgumentException("--name must be lower-case letters, digits and dashes, was '" + name + "'");
        }
        SelectionMetric selection = SelectionMetric.parse(options.getOrDefault("select-by", "roc-auc"));
        CsvTraining.Result result = csvTraining(seed, folds, selection).train(name, Path.of(required(options, "file")),
                required(options, "target"), required(options, "positive"), exclude, include, chosen -> List.of());
        publish(Path.of(required(options, "out")), result.outcome());
    }

    private static Set<String> columns(Map<String, String> options, String name) {
        Set<String> columns = new LinkedHashSet<>();
        if (options.containsKey(name)) {
            columns.addAll(Arrays.asList(options.get(name).split(",")));
        }
        return columns;
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

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --option value pairs, got '" + args[i] + "'");
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }

    private static long number(Map<String, String> options, String name, long defaultValue) {
        String v = options.get(name);
        if (v == null) {
            return defaultValue;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, was '" + v + "'");
        }
    }

    private static String required(Map<String, String> options, String name) {
        String v = options.get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return v;
    }

    static String usage() {
        return """
                usage: train all   --data-dir DIR --out DIR
                       train churn --orders FILE --out DIR
                       train segments --orders FILE --out DIR
                       train csv   --file FILE --target COLUMN --positive VALUE --name NAME --out DIR [--exclude A,B]
                                   [--include C,D]   (columns that look like personal data or identifiers)
                                   [--select-by roc-auc|average-precision]
                options for every command: [--seed N] [--folds K]""";
    }
}
