package com.crmscoring.training.fraud;

import com.crmscoring.shared.aggregates.OrderAggregator;
import com.crmscoring.shared.aggregates.ProfileBuilder;
import com.crmscoring.shared.domain.Order;
import com.crmscoring.shared.domain.OrderLine;
import com.crmscoring.shared.domain.Orders;
import com.crmscoring.shared.features.FeatureSpec;
import com.crmscoring.shared.features.FeatureSpecFitter;
import com.crmscoring.shared.features.FeatureVectorizer;
import com.crmscoring.shared.model.ModelMetadata;
import com.crmscoring.shared.model.ParityTolerance;
import com.crmscoring.shared.model.ServedModel;
import com.crmscoring.shared.orders.OrderFeatureSource;
import com.crmscoring.shared.retail.OnlineRetailReader;
import com.crmscoring.training.card.ModelCard;
import com.crmscoring.training.eval.Sampling;
import com.crmscoring.training.export.ExportPipeline;
import com.crmscoring.training.export.ExportedModel;
import com.crmscoring.training.export.ModelExport;
import com.crmscoring.training.export.NaturalDomain;
import com.crmscoring.training.export.ParityReference;
import com.crmscoring.training.export.UserDecision;
import com.crmscoring.training.publish.Fingerprint;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;
import libsvm.svm_model;
import libsvm.svm_node;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.anomaly.AnomalyFactory;
import org.tribuo.anomaly.Event;
import org.tribuo.anomaly.libsvm.LibSVMAnomalyModel;
import org.tribuo.anomaly.libsvm.LibSVMAnomalyTrainer;
import org.tribuo.anomaly.libsvm.SVMAnomalyType;
import org.tribuo.common.libsvm.KernelType;
import org.tribuo.common.libsvm.SVMParameters;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Unsupervised fraud screening for a shop without fraud labels: a one-class SVM (Tribuo,
 * LibSVM, RBF kernel) learns what the shop's orders usually look like, and the orders furthest
 * outside that shape are flagged. Thresholds are set for stated alert rates: 2 % of orders go
 * to review, 0.5 % are declined.
 */
public final class OrderAnomalyTraining {

    /** Model name, as scoring looks it up. */
    public static final String NAME = ServedModel.FRAUD_ANOMALY.modelName();
    /** A one-class SVM is quadratic in rows: a seeded sample of orders is enough to learn "usual". */
    static final int TRAINING_SAMPLE = 4_000;
    /** Upper bound on the share of training orders outside the boundary (LibSVM's nu). */
    static final double NU = 0.02;
    static final double REVIEW_RATE = 0.02;
    static final double DECLINE_RATE = 0.005;
    private static final AnomalyFactory EVENTS = new AnomalyFactory();

    /** The exported model with the evidence behind it. */
    public record Result(ExportedModel exported, int orders, int trainedOn, int supportVectors, double heldOutReviewRate,
                         Map<String, Double> syntheticRecall) {

        public ModelMetadata metadata() {
            return exported.metadata();
        }
    }

    private final long seed;
    private final Consumer<String> progress;

    public OrderAnomalyTraining(long seed, Consumer<String> progress) {
        this.seed = seed;
        this.progress = progress;
    }

    public Result train(Path ordersFile) throws IOException {
        List<Order> all = new OnlineRetailReader().read(ordersFile).orders();
        Map<String, List<Order>> byCustomer = Orders.byCustomer(all);
        ZoneId zone = OnlineRetailReader.SHOP_ZONE;
        List<OrderFeatureSource> orders = new ArrayList<>();
        for (Map.Entry<String, List<Order>> e : byCustomer.entrySet()) {
            orders.addAll(OrderFeatureSource.screened(e.getKey(), e.getValue(), null, null, zone));
        }
        FeatureSpec spec = new FeatureSpecFitter().fit(OrderFeatureSource.fields(), orders);
        List<String> columns = spec.columns().stream().sorted().toList();
        FeatureVectorizer vectorizer = new FeatureVectorizer(spec, columns);
        float[][] x = new float[orders.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = vectorizer.vectorize(orders.get(i));
        }
        int[] sample = Sampling.sample(x.length, TRAINING_SAMPLE, seed);
        boolean[] inSample = new boolean[x.length];
        for (int i : sample) {
            inSample[i] = true;
        }
        progress.accept(String.format("fraud-anomaly: %,d purchase orders with %d features; one-class SVM on a sample of %,d",
                x.length, columns.size(), sample.length));

        MutableDataset<Event> dataset = new MutableDataset<>(new SimpleDataSourceProvenance("orders", EVENTS), EVENTS);
        String[] names = columns.toArray(String[]::new);
        for (int i : sample) {
            dataset.add(new ArrayExample<>(AnomalyFactory.EXPECTED_EVENT, names, toDouble(x[i])));
        }
        SVMParameters<Event> parameters = new SVMParameters<>(new SVMAnomalyType(SVMAnomalyType.SVMMode.ONE_CLASS), KernelType.RBF);
        float gamma = 1f / columns.size();
        parameters.setGamma(gamma);
        parameters.setNu(NU);
        LibSVMAnomalyModel model = (LibSVMAnomalyModel) new LibSVMAnomalyTrainer(parameters, seed).train(dataset);
        svm_model svm = model.getInnerModels().get(0);
        float[][] supportVectors = dense(svm, columns.size(), model, dataset);
        float[] alphas = new float[svm.l];
        for (int i = 0; i < alphas.length; i++) {
            alphas[i] = (float) svm.sv_coef[0][i];
        }
        float rho = (float) svm.rho[0];
        Function<float[], Double> score = row -> anomaly(row, supportVectors, alphas, rho, gamma);

        double[] scores = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            scores[i] = score.apply(x[i]);
        }
        double[] sorted = scores.clone();
        Arrays.sort(sorted);
        double review = sorted[(int) Math.floor((1 - REVIEW_RATE) * (sorted.length - 1))];
        double decline = sorted[(int) Math.floor((1 - DECLINE_RATE) * (sorted.length - 1))];
        int heldOut = 0;
        int heldOutFlagged = 0;
        for (int i = 0; i < x.length; i++) {
            if (!inSample[i]) {
                heldOut++;
                if (scores[i] >= review) {
                    heldOutFlagged++;
                }
            }
        }
        double heldOutRate = (double) heldOutFlagged / heldOut;
        Map<String, Double> recall = syntheticRecall(orders, inSample, vectorizer, score, review, zone);
        progress.accept(String.format(Locale.ROOT, "  %d support vectors; review above %.4f, decline above %.4f;"
                + " held-out review rate %.2f %%; synthetic recall %s", svm.l, review, decline, 100 * heldOutRate, recall));

        String algorithm = String.format(Locale.ROOT, "one-class SVM (LibSVM via Tribuo), RBF kernel, gamma = 1/%d, nu = %.2f,"
                + " trained on a seeded sample of %d orders", columns.size(), NU, sample.length);
        String fingerprint = Fingerprint.of(ordersFile, "fraud-anomaly;nu=" + NU + ";sample=" + TRAINING_SAMPLE);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("supportVectors", (double) svm.l);
        metrics.put("heldOut.reviewRate", heldOutRate);
        recall.forEach((k, v) -> metrics.put("synthetic.recall." + k, v));
        Map<String, Double> thresholds = Map.of("anomaly.review", review, "anomaly.decline", decline);
        ModelMetadata metadata = ModelMetadata.builder(NAME, "anomaly-detection")
                .version(Fingerprint.version(fingerprint, algorithm, seed))
                .algorithm(algorithm)
                .features(spec, columns)
                .graph(OneClassSvmOnnx.INPUT, OneClassSvmOnnx.OUTPUT, List.of("anomaly"))
                .data(fingerprint, ordersFile.getFileName() + ": " + x.length + " purchase orders, each against its customer's"
                        + " history before it")
                .metrics(metrics)
                .thresholds(thresholds)
                .build();
        List<List<String>> thresholdRows = List.of(
                List.of("review", String.format(Locale.ROOT, "%.4f", review), String.format(Locale.ROOT, "%.1f %%", 100 * REVIEW_RATE)),
                List.of("decline", String.format(Locale.ROOT, "%.4f", decline), String.format(Locale.ROOT, "%.1f %%", 100 * DECLINE_RATE)));
        List<List<String>> recallRows = recall.entrySet().stream()
                .map(e -> List.of(e.getKey(), String.format(Locale.ROOT, "%.1f %%", 100 * e.getValue()))).toList();
        ModelCard.Content card = new ModelCard.Content("unsupervised fraud screening of an order (higher score = more unusual)",
                sample.length, "one-class SVM with " + svm.l + " support vectors", String.format(Locale.ROOT,
                "thresholds set for stated alert rates on all %,d orders; on the %,d orders the SVM did not train on, %.2f %%"
                        + " cross the review threshold (set for %.1f %%)", x.length, heldOut, 100 * heldOutRate, 100 * REVIEW_RATE),
                List.of(), List.of(), List.of(
                        new ModelCard.Table("Thresholds (stated alert rates)", List.of("decision", "score above", "share of all orders"),
                                thresholdRows),
                        new ModelCard.Table("Synthetic check (no fraud labels exist for this shop): held-out orders made suspicious"
                                + " in one way, share that crosses the review threshold", List.of("variant", "recall at review"), recallRows)),
                List.of(), seed, List.of(
                        "There are no fraud labels in the shop data: the model finds unusual orders, and unusual is not the same as"
                                + " fraudulent. Review queues must be read by people.",
                        "Shops with labels should use the supervised path (`fraud-supervised`, proven on the card-fraud sample).",
                        "Velocity uses the profile's 30-day order count, which is as fresh as the profile."));
        ExportedModel exported = new ExportPipeline().export(new ModelExport(metadata,
                OneClassSvmOnnx.export(supportVectors, alphas, rho, gamma, ExportPipeline.DOMAIN), orders, NaturalDomain.IDENTITY,
                reference(x, supportVectors, alphas, rho, gamma),
                UserDecision.bands("fraud decision", 0, new double[] {review, decline}, List.of("approve", "review", "decline")),
                card));
        return new Result(exported, x.length, sample.length, svm.l, heldOutRate, recall);
    }

    /**
     * The decision values in double, with their float32 bound. The graph computes each squared
     * distance as |x|² − 2·x·sv + |sv|² (a sum of width + 2 terms), scales it by −gamma and takes
     * exp: a distance error e becomes a relative kernel error gamma·e, plus the multiplication's and
     * exp's own roundings. The weighted sum of kernels is one more float32 sum over the support vectors.
     */
    private static ParityReference reference(float[][] x, float[][] sv, float[] alphas, float rho, float gamma) {
        double[][] expected = new double[x.length][];
        double[][] bounds = new double[x.length][];
        int width = sv[0].length;
        for (int i = 0; i < x.length; i++) {
            double weighted = 0;
            double kernelErrors = 0;
            for (int s = 0; s < sv.length; s++) {
                double d = 0;
                double size = 0;
                for (int j = 0; j < width; j++) {
                    double diff = (double) x[i][j] - sv[s][j];
                    d += diff * diff;
                    size += (double) x[i][j] * x[i][j] + 2 * Math.abs((double) x[i][j] * sv[s][j]) + (double) sv[s][j] * sv[s][j];
                }
                double term = Math.abs(alphas[s] * Math.exp(-gamma * d));
                weighted += term;
                kernelErrors += term * (gamma * ParityTolerance.sum(width, size) + ParityTolerance.TRANSFORM_ROUNDINGS * ParityTolerance.U);
            }
            expected[i] = new double[] {anomaly(x[i], sv, alphas, rho, gamma)};
            bounds[i] = new double[] {kernelErrors + ParityTolerance.sum(sv.length, weighted)};
        }
        return new ParityReference("exact decision values of LibSVM's support vectors", expected, bounds, false);
    }

    /**
     * Support vectors as dense rows. LibSVM numbers features from Tribuo's feature ids; which base
     * it uses is checked against Tribuo's own decision values rather than assumed.
     */
    private static float[][] dense(svm_model svm, int width, LibSVMAnomalyModel model, MutableDataset<Event> dataset) {
        List<Prediction<Event>> predictions = model.predict(dataset);
        for (int base : new int[] {0, 1}) {
            float[][] sv = new float[svm.l][width];
            boolean fits = true;
            for (int i = 0; i < svm.l && fits; i++) {
                for (svm_node node : svm.SV[i]) {
                    int j = node.index - base;
                    if (j < 0 || j >= width) {
                        fits = false;
                        break;
                    }
                    sv[i][j] = (float) node.value;
                }
            }
            if (!fits) {
                continue;
            }
            float[] alphas = new float[svm.l];
            for (int i = 0; i < svm.l; i++) {
                alphas[i] = (float) svm.sv_coef[0][i];
            }
            boolean agrees = true;
            for (int i = 0; i < Math.min(200, predictions.size()) && agrees; i++) {
                double tribuo = predictions.get(i).getOutput().getScore();
                double ours = -anomaly(toFloat(dataset.getExample(i)), sv, alphas, (float) svm.rho[0], (float) svm.param.gamma);
                agrees = Math.abs(tribuo - ours) <= 1e-4 * Math.max(1, Math.abs(tribuo));
            }
            if (agrees) {
                return sv;
            }
        }
        throw new IllegalStateException("support vectors could not be matched to Tribuo's decision values");
    }

    private static float[] toFloat(org.tribuo.Example<Event> example) {
        float[] out = new float[example.size()];
        int j = 0;
        for (org.tribuo.Feature f : example) {
            out[j++] = (float) f.getValue();
        }
        return out;
    }

    /** rho - sum alpha_i exp(-gamma |x - sv_i|^2): the negated decision value, in double precision. */
    static double anomaly(float[] x, float[][] sv, float[] alphas, float rho, float gamma) {
        double sum = 0;
        for (int i = 0; i < sv.length; i++) {
            double d = 0;
            for (int j = 0; j < x.length; j++) {
                double diff = (double) x[j] - sv[i][j];
                d += diff * diff;
            }
            sum += alphas[i] * Math.exp(-gamma * d);
        }
        return rho - sum;
    }

    /**
     * Share of real orders, made suspicious in three typical ways, that cross the review threshold:
     * a basket twenty times the size, the same order from a new country at 3 a.m., and a large
     * first order from an account with no history.
     */
    private Map<String, Double> syntheticRecall(List<OrderFeatureSource> orders, boolean[] inSample, FeatureVectorizer vectorizer,
                                               Function<float[], Double> score, double review, ZoneId zone) {
        List<OrderFeatureSource> pool = new ArrayList<>();
        for (int i = 0; i < orders.size(); i++) {
            if (!inSample[i] && !orders.get(i).before().aggregates().isProspect()) {
                pool.add(orders.get(i));
            }
        }
        Collections.shuffle(pool, new Random(seed + 1));
        List<OrderFeatureSource> base = pool.subList(0, Math.min(300, pool.size()));
        Map<String, Function<OrderFeatureSource, OrderFeatureSource>> variants = new LinkedHashMap<>();
        variants.put("basketX20", s -> new OrderFeatureSource(scaled(s.order(), 20), s.before(), zone));
        variants.put("newCountryAt3am", s -> new OrderFeatureSource(new Order(s.order().orderId(), s.order().customerId(),
                ZonedDateTime.ofInstant(s.order().orderedAt(), zone).withHour(3).toInstant(), "Brazil", false, s.order().lines()),
                s.before(), zone));
        variants.put("largeFirstOrder", s -> new OrderFeatureSource(scaled(s.order(), 10),
                new ProfileBuilder(new OrderAggregator()).build(s.order().customerId(), List.of(), s.order().orderedAt(), false), zone));
        Map<String, Double> recall = new LinkedHashMap<>();
        variants.forEach((name, variant) -> {
            int hits = 0;
            for (OrderFeatureSource s : base) {
                if (score.apply(vectorizer.vectorize(variant.apply(s))) >= review) {
                    hits++;
                }
            }
            recall.put(name, (double) hits / base.size());
        });
        return recall;
    }

    private static Order scaled(Order o, int factor) {
        List<OrderLine> lines = o.lines().stream()
                .map(l -> new OrderLine(l.stockCode(), l.description(), l.quantity() * factor, l.unitPrice())).toList();
        return new Order(o.orderId(), o.customerId(), o.orderedAt(), o.country(), false, lines);
    }

    private static double[] toDouble(float[] v) {
        double[] out = new double[v.length];
        for (int j = 0; j < v.length; j++) {
            out[j] = v[j];
        }
        return out;
    }
}
