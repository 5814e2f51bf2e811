package com.crmscoring.scoring.observe;

import com.crmscoring.shared.model.ModelMetadata;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the scorers served since the last invocation ended, per model version: how many scores,
 * their distribution in fixed buckets, their categories (risk band, segment, fraud decision) and
 * the share of attributes that were defaulted. The Lambda handler drains it at the end of each
 * invocation into {@link EmbeddedMetrics}; a container runs one invocation at a time, so what it
 * drains is that invocation's.
 *
 * <p>Fixed buckets, not percentiles, because counts per bucket add up across containers and
 * hours, where percentiles of percentiles mean nothing. Bounded: whoever never drains it (the
 * local run, the replay, the benchmarks) keeps counters and at most {@link #MAX_VALUES} scores
 * per model, never a list that grows.
 */
public final class ScoreMetrics {

    /** The most values one metric may carry in one embedded-metric document (the format's limit). */
    public static final int MAX_VALUES = 100;

    /**
     * Fixed bucket edges of a score kind: bucket i holds scores below {@code upperEdges[i]} and at
     * or above the edge before it; the last bucket holds everything from the last edge up.
     */
    public record Buckets(double... upperEdges) {

        /** The buckets' metric names, {@code ScoreBucket.lt0.1 … ScoreBucket.ge0.9}: a fixed, bounded set. */
        public List<String> names() {
            List<String> out = new ArrayList<>(upperEdges.length + 1);
            if (upperEdges.length == 0) {
                return out;
            }
            out.add("ScoreBucket.lt" + edge(upperEdges[0]));
            for (int i = 1; i < upperEdges.length; i++) {
                out.add("ScoreBucket." + edge(upperEdges[i - 1]) + "to" + edge(upperEdges[i]));
            }
            out.add("ScoreBucket.ge" + edge(upperEdges[upperEdges.length - 1]));
            return out;
        }

        /** The bucket a score falls in. */
        public int indexOf(double score) {
            int i = 0;
            while (i < upperEdges.length && score >= upperEdges[i]) {
                i++;
            }
            return i;
        }

        private static String edge(double v) {
            return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
        }
    }

    /** Probabilities (churn, an offer's propensity): ten buckets of a tenth. */
    public static final Buckets PROBABILITY = new Buckets(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9);
    /** Expected spend over the horizon, in the shop's currency: roughly logarithmic. */
    public static final Buckets SPEND = new Buckets(50, 100, 250, 500, 1000, 2500, 5000, 10000);
    /** Scores without buckets of their own (a segment, whose categories say it all). */
    public static final Buckets NO_BUCKETS = new Buckets();

    /** For a tally first made by a shadow comparison: its scorer's own counts bring the buckets. */
    private static final Buckets NO_BUCKETS_IF_NEW = new Buckets();

    private final Map<String, Tally> tallies = new LinkedHashMap<>();

    /**
     * Counts one score.
     *
     * @param score      the score, or NaN for a score that is only a category
     * @param categories bounded labels such as {@code Band.high}: one count each
     * @param defaulted  how many of the model's attributes were defaulted for it
     * @param attributes how many attributes the model reads
     */
    public synchronized void scored(ModelMetadata model, Buckets buckets, double score, List<String> categories, int defaulted,
                                    int attributes) {
        Tally t = tally(model, buckets);
        t.scored++;
        if (!Double.isNaN(score)) {
            if (t.values.length > 0 && t.valueCount < MAX_VALUES) {
                t.values[t.valueCount++] = score;
            }
            if (t.bucketCounts.length > 0) {
                t.bucketCounts[buckets.indexOf(score)]++;
            }
        }
        for (String category : categories) {
            t.categories.merge(category, 1L, Long::sum);
        }
        t.defaulted += defaulted;
        t.attributes += attributes;
    }

    /** Counts an answer withheld because the customer objected to profiling. */
    public synchronized void optedOut(ModelMetadata model, Buckets buckets) {
        tally(model, buckets).optedOut++;
    }

    /** Counts a challenger's answer compared with the live one (Shadow). */
    public synchronized void shadowed(ModelMetadata challenger, boolean agreed, double difference) {
        Tally t = tally(challenger, NO_BUCKETS_IF_NEW);
        t.shadowCompared++;
        t.shadowAgreed += agreed ? 1 : 0;
        if (!Double.isNaN(difference) && t.differenceCount < MAX_VALUES) {
            t.differences[t.differenceCount++] = difference;
        }
    }

    /** Counts customers a challenger did not score because its thread was behind. */
    public synchronized void shadowDropped(ModelMetadata challenger, int customers) {
        tally(challenger, NO_BUCKETS_IF_NEW).shadowDropped += customers;
    }

    /** Counts customers a challenger failed to score. */
    public synchronized void shadowFailed(ModelMetadata challenger, int customers) {
        tally(challenger, NO_BUCKETS_IF_NEW).shadowFailed += customers;
    }

    /** What was counted since the last drain, in the order the models were first used; then starts afresh. */
    public synchronized List<Tally> drain() {
        List<Tally> out = tallies.values().stream().filter(t -> t.scored + t.optedOut + t.shadowCompared + t.shadowDropped
                + t.shadowFailed > 0).map(Tally::copy).toList();
        tallies.values().forEach(Tally::reset);
        return out;
    }

    private Tally tally(ModelMetadata model, Buckets buckets) {
        return tallies.computeIfAbsent(model.name() + '@' + model.version(), k -> new Tally(model.name(), model.version(), buckets));
    }

    /** One model version's counts over a drain period. */
    public static final class Tally {
        private final String model;
        private final String version;
        private final Buckets buckets;
        private final long[] bucketCounts;
        private final double[] values = new double[MAX_VALUES];
        private final Map<String, Long> categories = new TreeMap<>();
        private int valueCount;
        private long scored;
        private long optedOut;
        private long defaulted;
        private long attributes;
        private final double[] differences = new double[MAX_VALUES];
        private int differenceCount;
        private long shadowCompared;
        private long shadowAgreed;
        private long shadowDropped;
        private long shadowFailed;

        private Tally(String model, String version, Buckets buckets) {
            this.model = model;
            this.version = version;
            this.buckets = buckets;
            this.bucketCounts = new long[buckets.upperEdges().length == 0 ? 0 : buckets.upperEdges().length + 1];
        }

        public String model() {
            return model;
        }

        public String version() {
            return version;
        }

        public long scored() {
            return scored;
        }

        public long optedOut() {
            return optedOut;
        }

        /** The scores, at most {@link #MAX_VALUES} of them (the first ones). */
        public double[] values() {
            return Arrays.copyOf(values, valueCount);
        }

        /** Bucket name to count, every bucket present (zeros too, so that sums line up). */
        public Map<String, Long> buckets() {
            Map<String, Long> out = new LinkedHashMap<>();
            List<String> names = buckets.names();
            for (int i = 0; i < bucketCounts.length; i++) {
                out.put(names.get(i), bucketCounts[i]);
            }
            return out;
        }

        public Map<String, Long> categories() {
            return categories;
        }

        /** As a challenger: answers compared with the live model's, those that agreed, and the score differences (at most {@link #MAX_VALUES}). */
        public long shadowCompared() {
            return shadowCompared;
        }

        public long shadowAgreed() {
            return shadowAgreed;
        }

        public double[] shadowDifferences() {
            return Arrays.copyOf(differences, differenceCount);
        }

        public long shadowDropped() {
            return shadowDropped;
        }

        public long shadowFailed() {
            return shadowFailed;
        }

        /** Percent of the attributes read for the scores that were defaulted; NaN when nothing was scored. */
        public double defaultedShare() {
            return attributes == 0 ? Double.NaN : 100.0 * defaulted / attributes;
        }

        private Tally copy() {
            Tally c = new Tally(model, version, buckets);
            System.arraycopy(bucketCounts, 0, c.bucketCounts, 0, bucketCounts.length);
            System.arraycopy(values, 0, c.values, 0, valueCount);
            c.categories.putAll(categories);
            c.valueCount = valueCount;
            c.scored = scored;
            c.optedOut = optedOut;
            c.defaulted = defaulted;
            c.attributes = attributes;
            System.arraycopy(differences, 0, c.differences, 0, differenceCount);
            c.differenceCount = differenceCount;
            c.shadowCompared = shadowCompared;
            c.shadowAgreed = shadowAgreed;
            c.shadowDropped = shadowDropped;
            c.shadowFailed = shadowFailed;
            return c;
        }

        private void reset() {
            Arrays.fill(bucketCounts, 0);
            categories.clear();
            valueCount = 0;
            scored = 0;
            optedOut = 0;
            defaulted = 0;
            attributes = 0;
            differenceCount = 0;
            shadowCompared = 0;
            shadowAgreed = 0;
            shadowDropped = 0;
            shadowFailed = 0;
        }
    }
}
