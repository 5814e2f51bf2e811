package com.crmscoring.shared.model;

import com.crmscoring.shared.features.FeatureDefinition;
import com.crmscoring.shared.features.FeatureSource;
import com.crmscoring.shared.features.NumericFeature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a model's training population looked like, as quantile bins: each attribute it reads and
 * its score. Stored in the model file's metadata at export, it is what the drift job compares
 * today's customers with (population stability index, {@link #psi}). One implementation of the
 * binning, the score and the index, used by the export, the drift job and the local comparison
 * of two quarters, so that a reference and what it is compared with are always cut the same way.
 *
 * @param rows       how many rows the reference was fitted on
 * @param attributes per attribute the model reads, its distribution
 * @param score      the distribution of the model's score ({@link #scores})
 */
public record DriftReference(int rows, Map<String, Distribution> attributes, Distribution score) {

    /** Quantile bins of a numeric value: deciles. */
    public static final int QUANTILES = 10;
    /** The most categories a categorical value keeps; the rarer ones share the "other" bin. */
    public static final int MAX_CATEGORIES = 20;
    /**
     * The smallest share a bin counts with in the index: an empty bin on either side would make
     * it infinite. 10⁻⁴ is the usual floor; it caps one empty bin's part at about 0.001 × ln(10)
     * for a bin that held 0.1 % — small beside the 0.1 at which one starts to watch.
     */
    public static final double FLOOR = 1e-4;

    public DriftReference {
        attributes = Map.copyOf(attributes);
    }

    /**
     * A value's distribution: numeric values in quantile bins (bin i holds values below
     * {@code edges[i]} and at or above the edge before it), categorical ones per category; both
     * with a last bin for missing values. For categories, the bin before it is "other".
     *
     * @param edges      ascending upper edges of the numeric bins (empty for categories)
     * @param categories the categories kept, most frequent first (empty for numbers)
     * @param shares     the share of rows in each bin, the missing bin last
     */
    public record Distribution(double[] edges, List<String> categories, double[] shares) {

        public Distribution {
            edges = edges.clone();
            categories = List.copyOf(categories);
            shares = shares.clone();
            int expected = categories.isEmpty() ? edges.length + 2 : categories.size() + 2;
            if (shares.length != expected) {
                throw new IllegalArgumentException("a distribution with " + edges.length + " edges and " + categories.size()
                        + " categories has " + expected + " bins, not " + shares.length);
            }
        }

        public boolean numeric() {
            return categories.isEmpty();
        }

        public int bins() {
            return shares.length;
        }

        /** The bin of a raw value: a Number for numeric distributions, anything else by its text; null is missing. */
        public int binOf(Object value) {
            if (value == null) {
                return shares.length - 1;
            }
            if (numeric()) {
                double v = value instanceof Number n ? n.doubleValue() : value instanceof Boolean b ? (b ? 1 : 0) : Double.NaN;
                if (Double.isNaN(v)) {
                    return shares.length - 1;
                }
                int i = 0;
                while (i < edges.length && v >= edges[i]) {
                    i++;
                }
                return i;
            }
            int k = categories.indexOf(String.valueOf(value));
            return k >= 0 ? k : categories.size();
        }

        /** The bins' labels, for reports: {@code < 3}, {@code 3 – 7}, {@code ≥ 40}, a category, {@code other}, {@code missing}. */
        public List<String> labels() {
            List<String> out = new ArrayList<>(shares.length);
            if (numeric()) {
                if (edges.length == 0) {
                    out.add("all");
                } else {
                    out.add("< " + number(edges[0]));
                    for (int i = 1; i < edges.length; i++) {
                        out.add(number(edges[i - 1]) + " – " + number(edges[i]));
                    }
                    out.add("≥ " + number(edges[edges.length - 1]));
                }
            } else {
                out.addAll(categories);
                out.add("other");
            }
            out.add("missing");
            return out;
        }

        /** This distribution's bins filled with other values: the shares of {@code values} in the same bins. */
        public double[] sharesOf(List<?> values) {
            long[] counts = new long[shares.length];
            for (Object v : values) {
                counts[binOf(v)]++;
            }
            return DriftReference.shares(counts);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Distribution d && Arrays.equals(edges, d.edges) && categories.equals(d.categories)
                    && Arrays.equals(shares, d.shares);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(edges) * 31 + categories.hashCode() * 17 + Arrays.hashCode(shares);
        }

        @Override
        public String toString() {
            return "Distribution" + labels() + "=" + Arrays.toString(shares);
        }

        private static String number(double v) {
            return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.4g", v);
        }
    }

    /**
     * Fits the distribution of {@code values}: deciles for numbers (Booleans count as 0/1),
     * categories otherwise. Which it is follows the feature's definition where there is one
     * ({@code numeric}), else the values.
     */
    public static Distribution fit(List<?> values, boolean numeric) {
        if (numeric) {
            double[] present = values.stream().filter(v -> v instanceof Number || v instanceof Boolean)
                    .mapToDouble(v -> v instanceof Number n ? n.doubleValue() : ((Boolean) v) ? 1 : 0)
                    .filter(d -> !Double.isNaN(d)).sorted().toArray();
            List<Double> edges = new ArrayList<>();
            for (int k = 1; k < QUANTILES && present.length > 0; k++) {
                double q = present[(int) Math.min(present.length - 1, (long) k * present.length / QUANTILES)];
                if (edges.isEmpty() || q > edges.get(edges.size() - 1)) {
                    edges.add(q);
                }
            }
            // A lowest edge at the minimum would leave the first bin empty: the rows below it are none.
            if (!edges.isEmpty() && present.length > 0 && edges.get(0) <= present[0]) {
                edges.remove(0);
            }
            double[] e = edges.stream().mapToDouble(Double::doubleValue).toArray();
            Distribution empty = new Distribution(e, List.of(), new double[e.length + 2]);
            return new Distribution(e, List.of(), empty.sharesOf(values));
        }
        Map<String, Long> counts = new HashMap<>();
        for (Object v : values) {
            if (v != null) {
                counts.merge(String.valueOf(v), 1L, Long::sum);
            }
        }
        List<String> kept = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .limit(MAX_CATEGORIES).map(Map.Entry::getKey).toList();
        Distribution empty = new Distribution(new double[0], kept, new double[kept.size() + 2]);
        return new Distribution(new double[0], kept, empty.sharesOf(values));
    }

    /**
     * The reference of a model: every attribute it reads over {@code rows} (the training rows, as
     * the model reads them), and its score over the same rows.
     *
     * @param scores the score of each row ({@link #scores}), in the order of {@code rows}
     */
    public static DriftReference of(ModelMetadata model, List<? extends FeatureSource> rows, Object[] scores) {
        Map<String, Distribution> attributes = new LinkedHashMap<>();
        for (FeatureDefinition d : model.featureSpec().features()) {
            List<Object> values = new ArrayList<>(rows.size());
            rows.forEach(r -> values.add(r.value(d.name())));
            attributes.put(d.name(), fit(values, d instanceof NumericFeature));
        }
        List<Object> s = Arrays.asList(scores);
        return new DriftReference(rows.size(), attributes, fit(s, numericScore(model)));
    }

    /** Whether a model's score is a number (every kind but clustering, whose score is the segment). */
    public static boolean numericScore(ModelMetadata model) {
        return !"clustering".equals(model.task());
    }

    /**
     * The score the drift of a model is measured on, for encoded rows: the positive probability of
     * a binary model, the prediction of a regression, the anomaly score; for a clustering model the
     * nearest segment's id; for a multi-class model the highest class probability (how sure its
     * best answer is).
     */
    public static Object[] scores(OnnxModel model, float[] rows, int n) {
        Object[] out = new Object[n];
        String task = model.metadata().task();
        if ("clustering".equals(task) || "multiclass-classification".equals(task)) {
            float[][] outputs = model.outputs(rows, n);
            for (int i = 0; i < n; i++) {
                float[] o = outputs[i];
                int best = 0;
                for (int k = 1; k < o.length; k++) {
                    if ("clustering".equals(task) ? o[k] < o[best] : o[k] > o[best]) {
                        best = k;
                    }
                }
                out[i] = "clustering".equals(task) ? String.valueOf(model.metadata().segments().get(best).id()) : (Object) (double) o[best];
            }
            return out;
        }
        float[] s = model.scores(rows, n);
        for (int i = 0; i < n; i++) {
            out[i] = (double) s[i];
        }
        return out;
    }

    /**
     * The population stability index of {@code actual} shares against {@code expected} ones, over
     * the same bins: Σ (a − e) · ln(a / e), each share floored at {@link #FLOOR}. 0 is the same
     * population; by the usual reading, below 0.1 no change, 0.1 to 0.25 a change to watch, above
     * 0.25 a shift to act on.
     */
    public static double psi(double[] expected, double[] actual) {
        if (expected.length != actual.length) {
            throw new IllegalArgumentException(expected.length + " expected bins against " + actual.length + " actual ones");
        }
        double sum = 0;
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] == 0 && actual[i] == 0) {
                continue;
            }
            double e = Math.max(expected[i], FLOOR);
            double a = Math.max(actual[i], FLOOR);
            sum += (a - e) * Math.log(a / e);
        }
        return sum;
    }

    /** Counts as shares of their total (all zeros when there is nothing). */
    public static double[] shares(long[] counts) {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        double[] out = new double[counts.length];
        for (int i = 0; i < counts.length && total > 0; i++) {
            out[i] = (double) counts[i] / total;
        }
        return out;
    }
}
