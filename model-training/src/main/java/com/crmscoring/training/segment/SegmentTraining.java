package com.crmscoring.training.segment;

import com.crmscoring.shared.aggregates.OrderAggregator;
import com.crmscoring.shared.aggregates.ProfileBuilder;
import com.crmscoring.shared.domain.CustomerAttributes;
import com.crmscoring.shared.domain.CustomerProfile;
import com.crmscoring.shared.domain.Order;
import com.crmscoring.shared.domain.Orders;
import com.crmscoring.shared.features.FeatureField;
import com.crmscoring.shared.features.FeatureSpec;
import com.crmscoring.shared.features.FeatureSpecFitter;
import com.crmscoring.shared.features.FeatureVectorizer;
import com.crmscoring.shared.features.NumericFeature;
import com.crmscoring.shared.features.NumericTransform;
import com.crmscoring.shared.features.ProfileFeatureSource;
import com.crmscoring.shared.lifecycle.LifecycleRules;
import com.crmscoring.shared.lifecycle.LifecycleStage;
import com.crmscoring.shared.model.CentroidParameters;
import com.crmscoring.shared.model.ModelMetadata;
import com.crmscoring.shared.model.ParityTolerance;
import com.crmscoring.shared.model.SegmentDescription;
import com.crmscoring.shared.model.ServedModel;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.tribuo.Feature;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.clustering.ClusterID;
import org.tribuo.clustering.ClusteringFactory;
import org.tribuo.clustering.kmeans.KMeansModel;
import org.tribuo.clustering.kmeans.KMeansTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.distance.L2Distance;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Customer segments: Tribuo K-Means on standardised behaviour of every customer who has bought,
 * with k chosen by the mean silhouette, each segment profiled and named, and the life-cycle
 * rules fitted on the same customers. Exported to ONNX through {@link KMeansOnnx}.
 */
public final class SegmentTraining {

    /** Model name, as scoring looks it up. */
    public static final String NAME = ServedModel.SEGMENTS.modelName();

    /** Fewer than three segments is not something a marketing team can act on. */
    static final int MIN_K = 3;
    static final int MAX_K = 8;
    /** Silhouette is quadratic in rows: a seeded sample keeps it at a few million distances. */
    static final int SILHOUETTE_SAMPLE = 2_000;
    static final int ITERATIONS = 100;

    /** Recency, frequency, monetary value and their companions; heavy-tailed ones on a log scale. */
    static final List<FeatureField> FIELDS = List.of(
            FeatureField.numeric("recencyDays", NumericTransform.SIGNED_LOG1P),
            FeatureField.numeric("tenureDays", NumericTransform.SIGNED_LOG1P),
            FeatureField.numeric("ordersTotal", NumericTransform.SIGNED_LOG1P),
            FeatureField.numeric("spendTotal", NumericTransform.SIGNED_LOG1P),
            FeatureField.numeric("avgBasketValue", NumericTransform.SIGNED_LOG1P),
            FeatureField.numeric("distinctProducts", NumericTransform.SIGNED_LOG1P),
            FeatureField.numeric("spendTrend90", NumericTransform.NONE));

    /** One value of k tried. */
    public record KChoice(int k, double inertia, double silhouette) {
    }

    /** The exported model with the evidence behind it. */
    public record Result(ExportedModel exported, List<KChoice> choices, Map<LifecycleStage, Integer> stages,
                         int customers, int prospects) {

        public ModelMetadata metadata() {
            return exported.metadata();
        }
    }

    private final long seed;
    private final Consumer<String> progress;

    public SegmentTraining(long seed, Consumer<String> progress) {
        this.seed = seed;
        this.progress = progress;
    }

    public Result train(Path ordersFile) throws IOException {
        OnlineRetailReader.Result read = new OnlineRetailReader().read(ordersFile);
        Map<String, List<Order>> byCustomer = Orders.byCustomer(read.orders());
        java.time.Instant asOf = ProfileBuilder.observationEnd(read.orders());
        ProfileBuilder builder = new ProfileBuilder(new OrderAggregator());
        List<CustomerProfile> all = new ArrayList<>();
        byCustomer.forEach((id, orders) -> all.add(builder.build(id, orders, asOf, false)));
        List<CustomerProfile> customers = all.stream().filter(p -> !p.aggregates().isProspect()).toList();
        LifecycleRules lifecycle = LifecycleRules.fit(all.stream().map(CustomerProfile::aggregates).toList());
        Map<LifecycleStage, Integer> stages = new EnumMap<>(LifecycleStage.class);
        for (CustomerProfile p : all) {
            stages.merge(lifecycle.classify(p.aggregates()), 1, Integer::sum);
        }
        progress.accept(String.format("segments: %,d customers as of %s (%,d without a purchase left out); life cycle %s",
                customers.size(), asOf, all.size() - customers.size(), stages));

        List<ProfileFeatureSource> sources = customers.stream().map(ProfileFeatureSource::new).toList();
        FeatureSpec spec = new FeatureSpecFitter().fit(FIELDS, sources);
        List<String> columns = spec.columns().stream().sorted().toList();   // Tribuo's feature id order
        FeatureVectorizer vectorizer = new FeatureVectorizer(spec, columns);
        float[][] x = new float[customers.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = vectorizer.vectorize(sources.get(i));
        }
        MutableDataset<ClusterID> dataset = dataset(columns, x);

        int[] sample = Sampling.sample(x.length, SILHOUETTE_SAMPLE, seed);
        List<KChoice> choices = new ArrayList<>();
        List<KMeansModel> models = new ArrayList<>();
        for (int k = MIN_K; k <= MAX_K; k++) {
            KMeansModel model = new KMeansTrainer(k, ITERATIONS, new L2Distance(),
                    KMeansTrainer.Initialisation.PLUSPLUS, 1, seed).train(dataset);
            float[][] centroids = centroids(model, columns);
            int[] assigned = nearest(x, centroids);
            KChoice choice = new KChoice(k, inertia(x, centroids, assigned), silhouette(x, assigned, sample, k));
            progress.accept(String.format("  k=%d  inertia %10.1f  silhouette %.4f", k, choice.inertia(), choice.silhouette()));
            choices.add(choice);
            models.add(model);
        }
        KChoice best = choices.stream().max(Comparator.comparingDouble(KChoice::silhouette)).orElseThrow();
        KMeansModel model = models.get(best.k() - MIN_K);
        float[][] centroids = centroids(model, columns);

        // Tribuo's own assignment is the reference for the ONNX graph's.
        List<Prediction<ClusterID>> predictions = model.predict(dataset);
        int[] tribuo = new int[x.length];
        for (int i = 0; i < tribuo.length; i++) {
            tribuo[i] = predictions.get(i).getOutput().getID();
        }
        List<SegmentDescription> segments = describe(customers, spec, columns, centroids, tribuo);

        String algorithm = String.format(Locale.ROOT, "k-means, k=%d (best mean silhouette of k=%d..%d), Euclidean, k-means++,"
                + " %d iterations, seed %d", best.k(), MIN_K, MAX_K, ITERATIONS, seed);
        String fingerprint = Fingerprint.of(ordersFile, "asOf=" + asOf + ";segments");
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("k", (double) best.k());
        metrics.put("silhouette", best.silhouette());
        metrics.put("inertia", best.inertia());
        List<String> names = segments.stream().map(SegmentDescription::name).toList();
        ModelMetadata metadata = ModelMetadata.builder(NAME, "clustering")
                .version(Fingerprint.version(fingerprint, algorithm, seed))
                .algorithm(algorithm)
                .features(spec, columns)
                .graph(KMeansOnnx.INPUT, KMeansOnnx.DISTANCES, names)
                .data(fingerprint, ordersFile.getFileName() + ": " + customers.size() + " customers with a purchase, behaviour as of " + asOf)
                .metrics(metrics)
                .segments(segments, lifecycle)
                .centroids(CentroidParameters.of(centroids))
                .build();
        ModelCard.Content card = card(metadata, choices, stages, best, customers.size(), all.size() - customers.size());
        ExportedModel exported = new ExportPipeline().export(new ModelExport(metadata, KMeansOnnx.export(model, centroids,
                ExportPipeline.DOMAIN), sources, NaturalDomain.IDENTITY, reference(x, centroids),
                UserDecision.ranking("segment", names, 1, false), card));
        return new Result(exported, choices, stages, customers.size(), all.size() - customers.size());
    }

    /**
     * Exact squared distances to the centroids, in double. The graph computes them as
     * |x|² − 2·x·c + |c|² in float32: a sum of width + 2 terms whose size is
     * |x|² + 2·Σ|x·c| + |c|², large where x and c are both far from the mean even when they are close.
     */
    private static ParityReference reference(float[][] x, float[][] centroids) {
        double[][] expected = new double[x.length][centroids.length];
        double[][] bounds = new double[x.length][centroids.length];
        int width = centroids[0].length;
        for (int i = 0; i < x.length; i++) {
            for (int c = 0; c < centroids.length; c++) {
                expected[i][c] = squaredDistance(x[i], centroids[c]);
                double size = 0;
                for (int j = 0; j < width; j++) {
                    size += (double) x[i][j] * x[i][j] + 2 * Math.abs((double) x[i][j] * centroids[c][j])
                            + (double) centroids[c][j] * centroids[c][j];
                }
                bounds[i][c] = ParityTolerance.sum(width + 2, size);
            }
        }
        return new ParityReference("exact squared distances to Tribuo's centroids", expected, bounds, false);
    }

    private ModelCard.Content card(ModelMetadata m, List<KChoice> choices, Map<LifecycleStage, Integer> stages, KChoice best,
                                          int customers, int prospects) {
        List<List<String>> k = choices.stream().map(c -> List.of(c.k() == best.k() ? "**" + c.k() + "**" : Integer.toString(c.k()),
                String.format(Locale.ROOT, "%.1f", c.inertia()), String.format(Locale.ROOT, "%.4f", c.silhouette()))).toList();
        List<List<String>> segmentRows = m.segments().stream().map(s -> List.of(Integer.toString(s.id()), s.name(),
                Integer.toString(s.size()), String.format(Locale.ROOT, "%.1f %%", 100 * s.share()),
                String.format(Locale.ROOT, "%.0f", s.medians().get("recencyDays")),
                String.format(Locale.ROOT, "%.0f", s.medians().get("ordersTotal")),
                String.format(Locale.ROOT, "%.0f", s.medians().get("spendTotal")), String.join("; ", s.distinguishing()))).toList();
        LifecycleRules l = m.lifecycle();
        List<List<String>> stageRows = new ArrayList<>();
        String[] rules = {"no purchase yet",
                String.format(Locale.ROOT, "recency >= %.0f days (75th percentile)", l.terminationRecencyDays()),
                String.format(Locale.ROOT, "recency >= %.0f days (median) or 90-day spend trend <= %.2f (25th percentile)",
                        l.recessionRecencyDays(), l.recessionTrend()),
                String.format(Locale.ROOT, "tenure <= %.0f days (25th percentile) or spend trend >= %.2f (75th percentile)",
                        l.growthTenureDays(), l.growthTrend()),
                "otherwise"};
        LifecycleStage[] order = {LifecycleStage.ACQUISITION, LifecycleStage.TERMINATION, LifecycleStage.RECESSION,
                LifecycleStage.GROWTH, LifecycleStage.MATURITY};
        for (int i = 0; i < order.length; i++) {
            stageRows.add(List.of(Integer.toString(i + 1), rules[i], order[i].name(),
                    Integer.toString(stages.getOrDefault(order[i], 0))));
        }
        return new ModelCard.Content("customer segment (clustering) and life-cycle stage (rules)", customers,
                "k=" + best.k(), "k chosen by the mean silhouette on a seeded sample of " + SILHOUETTE_SAMPLE + " customers; "
                        + prospects + " customers without a purchase left out of the clustering",
                List.of(), List.of(), List.of(
                        new ModelCard.Table("Choice of k (higher silhouette is better)", List.of("k", "inertia", "silhouette"), k),
                        new ModelCard.Table("Segments", List.of("id", "name", "customers", "share", "median recency (days)",
                                "median orders", "median spend", "what sets it apart"), segmentRows),
                        new ModelCard.Table("Life-cycle stages (rules in order; thresholds are quantiles of these customers)",
                                List.of("rule", "condition", "stage", "customers"), stageRows)),
                List.of("Features are standardised, counts and money on a log scale."), seed, List.of(
                        "Segments describe one year of one shop; refit when the customer base changes.",
                        "Names come from fixed rules on the centroids (see `SegmentNamer`); read the medians before acting on a name.",
                        "Silhouette favours few, well-separated clusters; k below 3 was not considered actionable."));
    }

    private static MutableDataset<ClusterID> dataset(List<String> columns, float[][] x) {
        ClusteringFactory factory = new ClusteringFactory();
        MutableDataset<ClusterID> dataset = new MutableDataset<>(new SimpleDataSourceProvenance("customer behaviour", factory), factory);
        String[] names = columns.toArray(String[]::new);
        for (float[] row : x) {
            double[] values = new double[row.length];
            for (int j = 0; j < row.length; j++) {
                values[j] = row[j];
            }
            dataset.add(new ArrayExample<>(ClusteringFactory.UNASSIGNED_CLUSTER_ID, names, values));
        }
        return dataset;
    }

    /** Centroids as rows in our column order, read by feature name from Tribuo's model. */
    static float[][] centroids(KMeansModel model, List<String> columns) {
        List<List<Feature>> byCentroid = model.getCentroids();
        float[][] out = new float[byCentroid.size()][columns.size()];
        for (int c = 0; c < out.length; c++) {
            for (Feature f : byCentroid.get(c)) {
                int j = columns.indexOf(f.getName());
                if (j < 0) {
                    throw new IllegalStateException("centroid feature " + f.getName() + " is not an input column");
                }
                out[c][j] = (float) f.getValue();
            }
        }
        return out;
    }

    static double squaredDistance(float[] a, float[] b) {
        double sum = 0;
        for (int j = 0; j < a.length; j++) {
            double d = (double) a[j] - b[j];
            sum += d * d;
        }
        return sum;
    }

    static int[] nearest(float[][] x, float[][] centroids) {
        int[] out = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            double best = Double.MAX_VALUE;
            for (int c = 0; c < centroids.length; c++) {
                double d = squaredDistance(x[i], centroids[c]);
                if (d < best) {
                    best = d;
                    out[i] = c;
                }
            }
        }
        return out;
    }

    private static double inertia(float[][] x, float[][] centroids, int[] assigned) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += squaredDistance(x[i], centroids[assigned[i]]);
        }
        return sum;
    }

    /** Mean silhouette over the sample: (b - a) / max(a, b), 0 for a point alone in its cluster. */
    static double silhouette(float[][] x, int[] assigned, int[] sample, int k) {
        double total = 0;
        for (int i : sample) {
            double[] sum = new double[k];
            int[] count = new int[k];
            for (int j : sample) {
                if (i != j) {
                    sum[assigned[j]] += Math.sqrt(squaredDistance(x[i], x[j]));
                    count[assigned[j]]++;
                }
            }
            int own = assigned[i];
            if (count[own] == 0) {
                continue;
            }
            double a = sum[own] / count[own];
            double b = Double.MAX_VALUE;
            for (int c = 0; c < k; c++) {
                if (c != own && count[c] > 0) {
                    b = Math.min(b, sum[c] / count[c]);
                }
            }
            total += b == Double.MAX_VALUE ? 0 : (b - a) / Math.max(a, b);
        }
        return total / sample.length;
    }

    private static List<SegmentDescription> describe(List<CustomerProfile> customers, FeatureSpec spec, List<String> columns,
                                                     float[][] centroids, int[] assigned) {
        int k = centroids.length;
        List<Map<String, Double>> z = new ArrayList<>();
        List<Map<String, Double>> medians = new ArrayList<>();
        List<List<String>> distinguishing = new ArrayList<>();
        int[] sizes = new int[k];
        for (int a : assigned) {
            sizes[a]++;
        }
        for (int c = 0; c < k; c++) {
            Map<String, Double> zc = new LinkedHashMap<>();
            for (int j = 0; j < columns.size(); j++) {
                zc.put(columns.get(j), (double) centroids[c][j]);
            }
            z.add(zc);
            Map<String, Double> mc = new LinkedHashMap<>();
            for (var def : spec.features()) {
                NumericFeature f = (NumericFeature) def;
                double[] values = new double[sizes[c]];
                int n = 0;
                for (int i = 0; i < customers.size(); i++) {
                    if (assigned[i] == c) {
                        double v = CustomerAttributes.NUMERIC.get(f.name()).applyAsDouble(customers.get(i).aggregates());
                        values[n++] = Double.isNaN(v) ? f.missingValue() : v;
                    }
                }
                Arrays.sort(values, 0, n);
                mc.put(f.name(), n == 0 ? Double.NaN : Math.round(values[n / 2] * 100) / 100.0);
            }
            medians.add(mc);
            distinguishing.add(zc.entrySet().stream()
                    .sorted(Comparator.comparingDouble((Map.Entry<String, Double> e) -> -Math.abs(e.getValue())))
                    .limit(3)
                    .map(e -> String.format(Locale.ROOT, "%s %s average (z = %+.2f)", e.getKey(),
                            e.getValue() > 0 ? "above" : "below", e.getValue()))
                    .toList());
        }
        List<String> names = SegmentNamer.names(z, medians, distinguishing);
        List<SegmentDescription> out = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            out.add(new SegmentDescription(c, names.get(c), sizes[c], (double) sizes[c] / customers.size(), medians.get(c),
                    distinguishing.get(c)));
        }
        return out;
    }
}
