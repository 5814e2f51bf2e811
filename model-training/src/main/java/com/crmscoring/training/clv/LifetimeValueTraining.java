package com.crmscoring.training.clv;

import ai.onnx.proto.OnnxMl;
import com.crmscoring.shared.clv.BgNbd;
import com.crmscoring.shared.clv.CustomerBaseFeatures;
import com.crmscoring.shared.clv.CustomerBaseModel;
import com.crmscoring.shared.domain.Order;
import com.crmscoring.shared.features.FeatureField;
import com.crmscoring.shared.features.FeatureSource;
import com.crmscoring.shared.features.FeatureSpec;
import com.crmscoring.shared.features.FeatureSpecFitter;
import com.crmscoring.shared.features.FeatureVectorizer;
import com.crmscoring.shared.model.ModelMetadata;
import com.crmscoring.shared.model.ServedModel;
import com.crmscoring.shared.retail.OnlineRetailReader;
import com.crmscoring.training.binary.BinaryTrainer;
import com.crmscoring.training.binary.XGBoostOnnx;
import com.crmscoring.training.card.ModelCard;
import com.crmscoring.training.churn.ChurnDataset;
import com.crmscoring.training.eval.BinaryMetrics;
import com.crmscoring.training.eval.Candidate;
import com.crmscoring.training.export.ExportPipeline;
import com.crmscoring.training.export.ExportedModel;
import com.crmscoring.training.export.ModelExport;
import com.crmscoring.training.export.NaturalDomain;
import com.crmscoring.training.export.TribuoExport;
import com.crmscoring.training.publish.Fingerprint;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.common.xgboost.XGBoostModel;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.sgd.linear.LinearSGDTrainer;
import org.tribuo.regression.sgd.objectives.SquaredLoss;
import org.tribuo.regression.xgboost.XGBoostRegressionTrainer;

/**
 * Customer lifetime value over a stated horizon: the net spend of a customer in the
 * {@link ChurnDataset#HORIZON} after the cut-off, predicted from the same behaviour features as
 * churn (no feature sees the horizon). Judged by 5-fold cross-validated mean absolute error and
 * RMSE against the naive forecast "the next 90 days bring what the last 90 days brought".
 */
public final class LifetimeValueTraining {

    /** Model name, as scoring looks it up. */
    public static final String NAME = ServedModel.LIFETIME_VALUE.modelName();
    private static final RegressionFactory REGRESSION = new RegressionFactory();
    private static final String TARGET = "spendNext90";


    /**
     * How well one forecast did on the horizon: errors, a rank measure and how much of the
     * horizon's spend its top decile of customers holds.
     *
     * @param spearman   rank correlation of forecast and actual spend (ties ranked by their mean)
     * @param top10Share share of the horizon's total spend made by the 10 % of customers the forecast ranks highest
     */
    public record Errors(String name, String description, double mae, double rmse, double r2, double spearman,
                         double top10Share) {
    }

    /** A forecast's errors and its prediction per customer (out of fold for the trained ones). */
    public record Forecast(Errors errors, double[] predicted) {
    }

    /**
     * BG/NBD and Gamma-Gamma as fitted at the cut-off, with their estimation records.
     *
     * @param purchases   the purchase model kept, by {@link #VARIANT_RULE}
     * @param alternative the variant not kept, for the record
     * @param aliveAuc    ROC AUC of the kept variant's P(alive) for buying again in the horizon
     */
    public record CustomerBase(CustomerBaseModel model, BgNbdFitter.Result purchases, BgNbdFitter.Result alternative,
                               GammaGammaFitter.Result spend, double aliveAuc, double alternativeAliveAuc) {
    }

    /** A candidate with the attributes it learns from. */
    private record Trained(Candidate<Regressor> candidate, List<FeatureField> fields, List<FeatureSource> sources) {
    }

    /**
     * The exported model with the evidence behind it.
     *
     * @param forecasts every forecast, the naive one first, with its predictions
     * @param chosen    the index in {@code forecasts} of the model exported
     */
    public record Result(ExportedModel exported, double[] actual, List<Forecast> forecasts, int chosen, CustomerBase customerBase) {

        public ModelMetadata metadata() {
            return exported.metadata();
        }

        /** The naive forecast's errors. */
        public Errors baseline() {
            return forecasts.get(0).errors();
        }

        /** Every forecast's errors but the naive one's, in the order compared. */
        public List<Errors> candidates() {
            return forecasts.subList(1, forecasts.size()).stream().map(Forecast::errors).toList();
        }

        /** The exported model's out-of-fold predictions. */
        public double[] outOfFold() {
            return forecasts.get(chosen).predicted();
        }
    }

    static List<Candidate<Regressor>> candidates() {
        return List.of(
                new Candidate<>("linear-sgd", "linear regression, squared loss, AdaGrad(lr=1.0), 20 epochs",
                        seed -> new LinearSGDTrainer(new SquaredLoss(), new AdaGrad(1.0, 0.1), 20, Integer.MAX_VALUE, 1, seed)),
                new Candidate<>("xgboost-squared", "gradient-boosted trees (XGBoost, squared error), 300 rounds, eta 0.05,"
                        + " depth 4, row and column subsample 0.8",
                        seed -> new XGBoostRegressionTrainer(XGBoostRegressionTrainer.RegressionType.LINEAR, 300, 0.05, 0.0, 4,
                                1.0, 0.8, 0.8, 1.0, 0.0, 2, true, seed)),
                // Spend is zero for many customers and heavy-tailed for a few: the Tweedie family
                // (compound Poisson-gamma, log link) is made for exactly that.
                new Candidate<>("xgboost-tweedie", "gradient-boosted trees (XGBoost, Tweedie loss, log link), 300 rounds,"
                        + " eta 0.05, depth 4, row and column subsample 0.8",
                        seed -> new XGBoostRegressionTrainer(XGBoostRegressionTrainer.RegressionType.TWEEDIE, 300, 0.05, 0.0, 4,
                                1.0, 0.8, 0.8, 1.0, 0.0, 2, true, seed)));
    }

    /** The standard model's name in comparisons. */
    static final String BG_NBD = "bg/nbd + gamma-gamma";

    /** XGBoost (Tweedie) that also sees the BG/NBD forecast: the standard model's structure plus the trees' reach. */
    static Candidate<Regressor> combined() {
        return new Candidate<>("xgboost-tweedie+bg/nbd", "gradient-boosted trees (XGBoost, Tweedie loss, log link) over the"
                + " behaviour features and the BG/NBD + Gamma-Gamma forecast (expected purchases, P(alive), expected spend),"
                + " 300 rounds, eta 0.05, depth 4, row and column subsample 0.8",
                seed -> new XGBoostRegressionTrainer(XGBoostRegressionTrainer.RegressionType.TWEEDIE, 300, 0.05, 0.0, 4,
                        1.0, 0.8, 0.8, 1.0, 0.0, 2, true, seed));
    }

    private final int folds;
    private final long seed;
    private final Consumer<String> progress;

    public LifetimeValueTraining(int folds, long seed, Consumer<String> progress) {
        this.folds = folds;
        this.seed = seed;
        this.progress = progress;
    }

    public Result train(Path ordersFile) throws IOException {
        List<Order> orders = new OnlineRetailReader().read(ordersFile).orders();
        Instant cutoff = ChurnDataset.observationEnd(orders).minus(ChurnDataset.HORIZON);
        Instant windowEnd = cutoff.plus(ChurnDataset.HORIZON);
        List<ChurnDataset.Row> rows = ChurnDataset.build(orders, cutoff);
        Map<String, Double> future = new LinkedHashMap<>();
        for (Order o : orders) {
            if (!o.orderedAt().isBefore(cutoff) && o.orderedAt().isBefore(windowEnd)) {
                future.merge(o.customerId(), o.amount(), Double::sum);
            }
        }
        List<FeatureSource> sources = new ArrayList<>(ChurnDataset.sources(rows));
        double[] y = new double[rows.size()];
        double[] naive = new double[rows.size()];
        for (int i = 0; i < y.length; i++) {
            // Net of cancellations; a customer who only cancels in the window spent nothing.
            y[i] = Math.max(0, future.getOrDefault(rows.get(i).profile().customerId(), 0.0));
            naive[i] = Math.max(0, rows.get(i).profile().aggregates().spend90());
        }
        progress.accept(String.format(Locale.ROOT, "lifetime-value: %,d customers at %s; mean spend in the next %d days %.2f",
                rows.size(), cutoff, ChurnDataset.HORIZON.toDays(), mean(y)));

        List<Forecast> forecasts = new ArrayList<>();
        forecasts.add(new Forecast(errors("naive: last 90 days' spend", "spend90 at the cut-off, as it is", y, naive), naive));
        report(forecasts.get(0).errors());

        // The field's standard: fitted on the customers' histories before the cut-off only; it
        // never sees a label, so fitting it on every customer leaks nothing from the horizon.
        boolean[] boughtAgain = new boolean[rows.size()];
        for (int i = 0; i < boughtAgain.length; i++) {
            boughtAgain[i] = !rows.get(i).churned();
        }
        CustomerBase base = fitCustomerBase(sources, boughtAgain);
        double horizonDays = ChurnDataset.HORIZON.toDays();
        List<FeatureSource> withBase = new ArrayList<>(sources.size());
        double[] standard = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            CustomerBaseFeatures f = new CustomerBaseFeatures(sources.get(i), base.model(), horizonDays);
            withBase.add(f);
            standard[i] = f.forecast().expectedSpend();
        }
        forecasts.add(new Forecast(errors(BG_NBD, base.purchases().model().variant() + " purchases x Gamma-Gamma value per"
                + " purchase, maximum likelihood on the histories before the cut-off (no labels)", y, standard), standard));
        report(forecasts.get(1).errors());

        int[] fold = folds(y.length);
        List<FeatureField> combinedFields = new ArrayList<>(ChurnDataset.fields());
        combinedFields.addAll(CustomerBaseFeatures.fields());
        List<Trained> trained = new ArrayList<>();
        for (Candidate<Regressor> c : candidates()) {
            trained.add(new Trained(c, ChurnDataset.fields(), sources));
        }
        trained.add(new Trained(combined(), combinedFields, withBase));
        for (Trained t : trained) {
            double[] oof = crossValidate(t, y, fold);
            forecasts.add(new Forecast(errors(t.candidate().name(), t.candidate().description(), y, oof), oof));
            report(forecasts.get(forecasts.size() - 1).errors());
        }
        Errors baseline = forecasts.get(0).errors();
        int best = choose(forecasts.subList(2, forecasts.size()).stream().map(Forecast::errors).toList(), baseline);
        Trained chosen = trained.get(best);
        Errors chosenErrors = forecasts.get(2 + best).errors();

        FeatureSpec spec = new FeatureSpecFitter().fit(chosen.fields(), chosen.sources());
        Model<Regressor> model = fit(chosen.candidate(), spec, chosen.sources(), y);
        List<String> columns = BinaryTrainer.modelColumns(model);
        boolean logLink = chosen.candidate().name().contains("tweedie");
        NaturalDomain domain = logLink ? NaturalDomain.LOG : NaturalDomain.IDENTITY;
        OnnxMl.ModelProto graph = TribuoExport.regressorGraph(model, columns.size(), logLink);
        String fingerprint = Fingerprint.of(ordersFile, "cutoff=" + cutoff + ";horizon=" + ChurnDataset.HORIZON + ";clv");
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("cv.mae", chosenErrors.mae());
        metrics.put("cv.rmse", chosenErrors.rmse());
        metrics.put("cv.r2", chosenErrors.r2());
        metrics.put("cv.spearman", chosenErrors.spearman());
        metrics.put("cv.top10Share", chosenErrors.top10Share());
        metrics.put("baseline.mae", baseline.mae());
        metrics.put("baseline.rmse", baseline.rmse());
        Errors standardErrors = forecasts.get(1).errors();
        metrics.put("bgnbd.mae", standardErrors.mae());
        metrics.put("bgnbd.rmse", standardErrors.rmse());
        metrics.put("bgnbd.logLikelihood", base.purchases().fit().logLikelihood());
        metrics.put("bgnbd.probabilityAlive.rocAuc", base.aliveAuc());
        metrics.put("gammaGamma.logLikelihood", base.spend().fit().logLikelihood());
        ModelMetadata metadata = ModelMetadata.builder(NAME, "regression")
                .version(Fingerprint.version(fingerprint, chosen.candidate().description() + ";" + base.model(), seed))
                .algorithm(chosen.candidate().description())
                .features(spec, columns)
                .graph(graph.getGraph().getInput(0).getName(), graph.getGraph().getOutput(0).getName(), List.of(TARGET))
                .data(fingerprint, ordersFile.getFileName() + ": " + rows.size() + " customers at " + cutoff
                        + "; target = net spend in the " + ChurnDataset.HORIZON.toDays() + " days after")
                .metrics(metrics)
                .customerBase(base.model())
                .linear(TribuoExport.linearParameters(model, columns.size(), logLink))
                .trees(model instanceof XGBoostModel<?> boosted ? XGBoostOnnx.parameters(boosted, logLink) : null)
                .build();
        List<ModelCard.CandidateResult> candidates = new ArrayList<>();
        forecasts.forEach(f -> candidates.add(candidate(f.errors())));
        ModelCard.Content card = new ModelCard.Content("expected net spend in the next " + ChurnDataset.HORIZON.toDays()
                + " days (regression, in the shop's currency)", y.length, chosen.candidate().name(),
                folds + "-fold cross-validation (seeded shuffle), feature statistics refitted per fold; " + CHOICE_RULE
                        + String.format(Locale.ROOT, " Against the naive forecast: MAE %+.1f %%, RMSE %+.1f %%.",
                        100 * (chosenErrors.mae() / baseline.mae() - 1), 100 * (chosenErrors.rmse() / baseline.rmse() - 1)),
                candidates, List.of(), List.of(), List.of(), seed, List.of(
                        "One year of one shop; a few wholesale customers dominate the squared error.",
                        "Net spend is floored at 0: cancellations of earlier orders inside the horizon do not make it negative.",
                        "The horizon is 90 days, not a whole lifetime: a longer horizon needs more history than the data has.",
                        base.purchases().model().variant() + " (" + VARIANT_RULE + String.format(Locale.ROOT, ": %.3f against %.3f) ",
                                base.aliveAuc(), base.alternativeAliveAuc())
                                + parameters(base.purchases().fit()) + "; " + base.alternative().model().variant() + " "
                                + parameters(base.alternative().fit()) + "; Gamma-Gamma " + parameters(base.spend().fit())
                                + ". A transaction is an invoice; the spend model sees the mean of all purchases, not only"
                                + " the repeat ones (the stored profile keeps no separate mean)."));
        ExportedModel exported = new ExportPipeline().export(new ModelExport(metadata, graph, chosen.sources(), domain,
                TribuoExport.regressor(model, spec, columns, chosen.sources(), domain), null, card));
        return new Result(exported, y, forecasts, 2 + best, base);
    }

    /**
     * The model served is chosen among those that can be exported (not the naive forecast, whose
     * "model" is the last 90 days, nor the BG/NBD alone, which is served beside it in any case).
     */
    public static final String CHOICE_RULE = "chosen by the lowest MAE among the candidates that beat the naive forecast on both"
            + " MAE and RMSE; if none does, by the lowest MAE.";

    static int choose(List<Errors> candidates, Errors naive) {
        int best = -1;
        for (int i = 0; i < candidates.size(); i++) {
            Errors e = candidates.get(i);
            if (e.mae() < naive.mae() && e.rmse() < naive.rmse() && (best < 0 || e.mae() < candidates.get(best).mae())) {
                best = i;
            }
        }
        if (best >= 0) {
            return best;
        }
        best = 0;
        for (int i = 1; i < candidates.size(); i++) {
            if (candidates.get(i).mae() < candidates.get(best).mae()) {
                best = i;
            }
        }
        return best;
    }

    /**
     * The variant kept is the one whose P(alive) better ranks who buys again in the horizon (ROC
     * AUC), because that is what it is served for: a marketer ranks customers by it. The original
     * BG/NBD gives every one-time buyer P(alive) = 1, however long ago they bought; the MBG/NBD
     * does not. Both have four parameters; their likelihoods are reported beside.
     */
    public static final String VARIANT_RULE = "the BG/NBD variant kept is the one whose P(alive) ranks better who buys again in"
            + " the 90 days (ROC AUC); fitted without labels, so only this choice of two sees the horizon";

    private CustomerBase fitCustomerBase(List<FeatureSource> customers, boolean[] boughtAgain) {
        List<BgNbd.Summary> summaries = new ArrayList<>();
        List<GammaGammaFitter.Spend> spend = new ArrayList<>();
        for (FeatureSource c : customers) {
            BgNbd.Summary s = CustomerBaseModel.summary(c);
            if (s == null) {
                throw new IllegalStateException("a customer at the cut-off without a purchase: the dataset keeps buyers only");
            }
            summaries.add(s);
            // Repeat buyers with a positive net mean: a mean at or below zero is all cancellations.
            if (s.x() > 0 && c.value(CustomerBaseModel.MEAN_VALUE) instanceof Number m && m.doubleValue() > 0) {
                spend.add(new GammaGammaFitter.Spend(s.x() + 1, m.doubleValue()));
            }
        }
        BgNbdFitter.Result original = new BgNbdFitter().fit(summaries, BgNbd.Variant.BG_NBD);
        BgNbdFitter.Result modified = new BgNbdFitter().fit(summaries, BgNbd.Variant.MBG_NBD);
        double originalAuc = aliveAuc(original.model(), summaries, boughtAgain);
        double modifiedAuc = aliveAuc(modified.model(), summaries, boughtAgain);
        boolean keepModified = modifiedAuc > originalAuc;
        BgNbdFitter.Result purchases = keepModified ? modified : original;
        GammaGammaFitter.Result value = new GammaGammaFitter().fit(spend);
        progress.accept(String.format(Locale.ROOT, "  BG/NBD %s; P(alive) ROC AUC %.4f%n  MBG/NBD %s; P(alive) ROC AUC %.4f%n"
                        + "  kept %s; Gamma-Gamma %s", parameters(original.fit()), originalAuc, parameters(modified.fit()), modifiedAuc,
                purchases.model().variant(), parameters(value.fit())));
        return new CustomerBase(new CustomerBaseModel(purchases.model(), value.model()), purchases, keepModified ? original : modified,
                value, keepModified ? modifiedAuc : originalAuc, keepModified ? originalAuc : modifiedAuc);
    }

    private static double aliveAuc(BgNbd model, List<BgNbd.Summary> summaries, boolean[] boughtAgain) {
        double[] alive = new double[summaries.size()];
        for (int i = 0; i < alive.length; i++) {
            alive[i] = model.probabilityAlive(summaries.get(i));
        }
        return BinaryMetrics.rocAuc(boughtAgain, alive);
    }

    public static String parameters(MaximumLikelihood.Fit fit) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < fit.names().length; i++) {
            out.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s = %.4g (95 %% %.4g to %.4g)", fit.names()[i],
                    fit.estimates()[i], fit.lower95()[i], fit.upper95()[i]));
        }
        return out.append(String.format(Locale.ROOT, ", log-likelihood %.1f on %,d customers", fit.logLikelihood(),
                fit.observations())).toString();
    }

    private double[] crossValidate(Trained t, double[] y, int[] fold) {
        double[] oof = new double[y.length];
        for (int f = 0; f < folds; f++) {
            List<FeatureSource> train = new ArrayList<>();
            List<Double> trainY = new ArrayList<>();
            List<FeatureSource> test = new ArrayList<>();
            for (int i = 0; i < y.length; i++) {
                if (fold[i] == f) {
                    test.add(t.sources().get(i));
                } else {
                    train.add(t.sources().get(i));
                    trainY.add(y[i]);
                }
            }
            FeatureSpec spec = new FeatureSpecFitter().fit(t.fields(), train);
            Model<Regressor> model = fit(t.candidate(), spec, train, trainY.stream().mapToDouble(Double::doubleValue).toArray());
            double[] predicted = predict(model, spec, test);
            for (int i = 0, k = 0; i < y.length; i++) {
                if (fold[i] == f) {
                    oof[i] = predicted[k++];
                }
            }
        }
        return oof;
    }

    private void report(Errors e) {
        progress.accept(String.format(Locale.ROOT, "  %-26s MAE %9.2f  RMSE %9.2f  R² %.4f  Spearman %.3f  top-10%% share %.3f",
                e.name(), e.mae(), e.rmse(), e.r2(), e.spearman(), e.top10Share()));
    }

    private static ModelCard.CandidateResult candidate(Errors e) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("mae", e.mae());
        m.put("rmse", e.rmse());
        m.put("r2", e.r2());
        m.put("spearman", e.spearman());
        m.put("top10Share", e.top10Share());
        return new ModelCard.CandidateResult(e.name(), e.description(), m);
    }

    private Model<Regressor> fit(Candidate<Regressor> c, FeatureSpec spec, List<FeatureSource> rows, double[] y) {
        MutableDataset<Regressor> data = new MutableDataset<>(new SimpleDataSourceProvenance("customers", REGRESSION), REGRESSION);
        data.addAll(examples(spec, rows, y));
        return c.trainer().apply(seed).train(data);
    }

    private static double[] predict(Model<Regressor> model, FeatureSpec spec, List<FeatureSource> rows) {
        var predictions = model.predict(examples(spec, rows, null));
        double[] out = new double[predictions.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = predictions.get(i).getOutput().getValues()[0];
        }
        return out;
    }

    private static List<Example<Regressor>> examples(FeatureSpec spec, List<FeatureSource> rows, double[] y) {
        FeatureVectorizer vectorizer = new FeatureVectorizer(spec, spec.columns());
        String[] names = spec.columns().toArray(String[]::new);
        List<Example<Regressor>> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            float[] v = vectorizer.vectorize(rows.get(i));
            double[] values = new double[v.length];
            for (int j = 0; j < v.length; j++) {
                values[j] = v[j];
            }
            Regressor target = y == null ? RegressionFactory.UNKNOWN_REGRESSOR : new Regressor(TARGET, y[i]);
            out.add(new ArrayExample<>(target, names, values));
        }
        return out;
    }

    private int[] folds(int n) {
        List<Integer> order = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        int[] fold = new int[n];
        for (int i = 0; i < n; i++) {
            fold[order.get(i)] = i % folds;
        }
        return fold;
    }

    static Errors errors(String name, String description, double[] actual, double[] predicted) {
        double abs = 0;
        double sq = 0;
        double m = mean(actual);
        double total = 0;
        for (int i = 0; i < actual.length; i++) {
            double e = predicted[i] - actual[i];
            abs += Math.abs(e);
            sq += e * e;
            total += (actual[i] - m) * (actual[i] - m);
        }
        double spearman = new SpearmansCorrelation().correlation(predicted, actual);
        return new Errors(name, description, abs / actual.length, Math.sqrt(sq / actual.length), 1 - sq / total, spearman,
                topDecileShare(actual, predicted));
    }

    /** The share of all actual spend made by the tenth of customers with the highest forecast (ties by position). */
    static double topDecileShare(double[] actual, double[] predicted) {
        Integer[] order = new Integer[actual.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (i, j) -> Double.compare(predicted[j], predicted[i]));
        int top = (int) Math.ceil(actual.length / 10.0);
        double captured = 0;
        double all = 0;
        for (int k = 0; k < order.length; k++) {
            all += actual[order[k]];
            if (k < top) {
                captured += actual[order[k]];
            }
        }
        return all == 0 ? Double.NaN : captured / all;
    }

    private static double mean(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s / values.length;
    }
}
