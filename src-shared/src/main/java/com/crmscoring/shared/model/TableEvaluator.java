package com.crmscoring.shared.model;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A model's main output computed in the JVM from the parameter tables its metadata carries (a
 * linear model's weights, a tree ensemble's node tables, a clustering model's centroids), for the
 * families whose graph is nothing but that arithmetic.
 *
 * <p>Why not ONNX Runtime: for one customer the arithmetic of these models is well under a
 * microsecond (25 weights, 300 trees of depth 4, 4 centroids of 7 coordinates), while one
 * ONNX Runtime call for one row (a JNI crossing, a tensor, a session run, an output tensor) costs
 * 5 to 10 µs at the median and 20 to 85 µs at p99 on a shared 2-core machine (BENCHMARKS.md,
 * {@code churnBareOnnxOne}, over several runs). Four such calls per customer made the p99 of one
 * profile answer about 200 µs; in the JVM it is the arithmetic alone.
 *
 * <p>The graph stays the model. {@link OnnxModel} compares the two on construction ({@link
 * #check}): seeded probe rows go through ONNX Runtime and through the tables, and a file whose
 * tables do not give the graph's output within float32's bound ({@link ParityTolerance}) is
 * refused. The export pipeline runs the same check over its parity rows, after comparing the
 * graph with the trainer. Families without tables (kernels, multi-output tree ensembles, the
 * anomaly model) are scored by ONNX Runtime.
 *
 * <p>The tables compute in double from float32 parameters; ONNX Runtime in float32 in a
 * CPU-dependent order. The two differ in the last bits of a float32 result, exactly as ONNX
 * Runtime differs from itself between CPUs, and within the bound the check enforces.
 */
public abstract sealed class TableEvaluator {

    /** Probe rows compared with the graph at load. */
    static final int PROBE_ROWS = 64;

    /** The evaluator for a model's main output, or null when its metadata carries no tables for the whole output. */
    public static TableEvaluator of(ModelMetadata metadata, int width) {
        int outputs = metadata.outputLabels().isEmpty() ? 1 : metadata.outputLabels().size();
        LinearParameters linear = metadata.linear();
        if (linear != null && linear.weights().size() == outputs
                && linear.weights().stream().allMatch(w -> w.size() == width)
                && (linear.link().equals(LinearParameters.SOFTMAX) ? outputs >= 2 : outputs == 1)) {
            return new Linear(linear, width);
        }
        if (metadata.trees() != null && outputs == 1) {
            return new Trees(metadata.trees(), width);
        }
        CentroidParameters centroids = metadata.centroids();
        if (centroids != null && centroids.centroids().size() == outputs
                && centroids.centroids().stream().allMatch(c -> c.size() == width)) {
            return new Centroids(centroids, width);
        }
        return null;
    }

    final int width;

    private TableEvaluator(int width) {
        this.width = width;
    }

    /** Columns of the main output. */
    public abstract int columns();

    /** Which tables, for messages. */
    public abstract String kind();

    /**
     * The main output of the row at {@code x[offset ..]} in {@code value}, and in {@code bound}
     * (when not null) how far ONNX Runtime's float32 evaluation of the graph may honestly lie from
     * it, column by column.
     */
    abstract void evaluate(float[] x, int offset, double[] value, double[] bound);

    /** Every row's main output, one row after another, as ONNX Runtime would lay it out. */
    public final float[] outputs(float[] rowsFlat, int rows) {
        int k = columns();
        float[] out = new float[rows * k];
        double[] value = new double[k];
        for (int i = 0; i < rows; i++) {
            evaluate(rowsFlat, i * width, value, null);
            for (int c = 0; c < k; c++) {
                out[i * k + c] = (float) value[c];
            }
        }
        return out;
    }

    /**
     * Compares the tables with the graph's output for the same rows.
     *
     * @param graph ONNX Runtime's main output of {@code rows} rows, flat
     * @return null when they agree, else what differs (row, column, values, bound)
     */
    public final String check(float[] rowsFlat, int rows, float[] graph) {
        int k = columns();
        double[] value = new double[k];
        double[] bound = new double[k];
        for (int i = 0; i < rows; i++) {
            evaluate(rowsFlat, i * width, value, bound);
            for (int c = 0; c < k; c++) {
                double difference = Math.abs(graph[i * k + c] - value[c]);
                if (!(difference <= bound[c])) { // NaN fails too
                    return String.format(Locale.ROOT, "the %s give %.9g on row %d, column %d; the graph %.9g (float32 bound %.3g)",
                            kind(), value[c], i, c, graph[i * k + c], bound[c]);
                }
            }
        }
        return null;
    }

    /**
     * Seeded rows that reach every part of the tables: for a tree ensemble each value is one of
     * its column's thresholds, just below or above it, or missing, so that both branches of the
     * splits are taken; otherwise values of a few standard deviations of a standardized input.
     */
    public final float[] probeRows(int rows) {
        SplittableRandom random = new SplittableRandom(20261203L);
        float[] out = new float[rows * width];
        for (int i = 0; i < out.length; i++) {
            out[i] = probe(i % width, random);
        }
        return out;
    }

    float probe(int column, SplittableRandom random) {
        return (float) (random.nextGaussian() * 3);
    }

    /** Softmax of linear margins (a probabilistic classifier), or the margin itself (a regression). */
    static final class Linear extends TableEvaluator {
        private final double[][] weights;
        private final double[] intercepts;
        private final boolean softmax;

        Linear(LinearParameters p, int width) {
            super(width);
            this.softmax = p.link().equals(LinearParameters.SOFTMAX);
            this.weights = new double[p.weights().size()][];
            this.intercepts = new double[weights.length];
            for (int k = 0; k < weights.length; k++) {
                // The graph holds float32 weights: round as it does, so that only the summation differs.
                List<Double> row = p.weights().get(k);
                weights[k] = new double[width];
                for (int j = 0; j < width; j++) {
                    weights[k][j] = (float) (double) row.get(j);
                }
                intercepts[k] = (float) (double) p.intercepts().get(k);
            }
        }

        @Override
        public int columns() {
            return weights.length;
        }

        @Override
        public String kind() {
            return "linear weights";
        }

        @Override
        void evaluate(float[] x, int offset, double[] value, double[] bound) {
            double largestBound = 0;
            double largest = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < weights.length; k++) {
                double[] w = weights[k];
                double margin = intercepts[k];
                double size = Math.abs(margin);
                for (int j = 0; j < width; j++) {
                    double term = w[j] * x[offset + j];
                    margin += term;
                    size += Math.abs(term);
                }
                value[k] = margin;
                largest = Math.max(largest, margin);
                if (bound != null) {
                    bound[k] = ParityTolerance.sum(width + 1, size);
                    largestBound = Math.max(largestBound, bound[k]);
                }
            }
            if (!softmax) {
                if (bound != null) {
                    bound[0] = ParityTolerance.of(bound[0], value[0], false);
                }
                return;
            }
            double total = 0;
            for (int k = 0; k < weights.length; k++) {
                value[k] = Math.exp(value[k] - largest);
                total += value[k];
            }
            for (int k = 0; k < weights.length; k++) {
                value[k] /= total;
                if (bound != null) {
                    // Each margin off by at most largestBound moves p_k by at most p_k·2·largestBound.
                    bound[k] = ParityTolerance.of(2 * largestBound * value[k], value[k], false);
                }
            }
        }
    }

    /** A single-output tree ensemble: the base margin plus one leaf per tree, through the link. */
    static final class Trees extends TableEvaluator {
        private final TreeParameters trees;
        private final float[][] thresholds;

        Trees(TreeParameters trees, int width) {
            super(width);
            this.trees = trees;
            int[] count = new int[width];
            for (int f : trees.feature()) {
                if (f >= width) {
                    throw new IllegalArgumentException("a split on column " + f + " of " + width);
                }
                count[Math.max(f, 0)] += f >= 0 ? 1 : 0;
            }
            this.thresholds = new float[width][];
            for (int j = 0; j < width; j++) {
                thresholds[j] = new float[count[j]];
                count[j] = 0;
            }
            for (int node = 0; node < trees.feature().length; node++) {
                int f = trees.feature()[node];
                if (f >= 0) {
                    thresholds[f][count[f]++] = trees.threshold()[node];
                }
            }
        }

        @Override
        public int columns() {
            return 1;
        }

        @Override
        public String kind() {
            return "tree tables";
        }

        @Override
        void evaluate(float[] x, int offset, double[] value, double[] bound) {
            float[] leaf = trees.leaf();
            double margin = trees.baseMargin();
            double size = Math.abs(margin);
            for (int t = 0; t < trees.size(); t++) {
                float reached = leaf[trees.leafOf(t, x, offset)];
                margin += reached;
                size += Math.abs(reached);
            }
            value[0] = trees.output(margin);
            if (bound != null) {
                double onMargin = ParityTolerance.of(ParityTolerance.sum(trees.size(), size), margin, false);
                // exp turns a margin error into the same relative error of the output.
                bound[0] = trees.link().equals(TreeParameters.LOG) ? value[0] * Math.expm1(onMargin) : onMargin;
            }
        }

        @Override
        float probe(int column, SplittableRandom random) {
            float[] own = thresholds[column];
            if (own.length == 0 || random.nextInt(20) == 0) {
                return random.nextInt(2) == 0 ? Float.NaN : (float) (random.nextGaussian() * 3);
            }
            float t = own[random.nextInt(own.length)];
            return switch (random.nextInt(3)) {
                case 0 -> Math.nextDown(t);
                case 1 -> t;
                default -> Math.nextUp(t);
            };
        }
    }

    /** Squared Euclidean distance to each centroid. */
    static final class Centroids extends TableEvaluator {
        private final double[][] centroids;

        Centroids(CentroidParameters p, int width) {
            super(width);
            this.centroids = new double[p.centroids().size()][width];
            for (int k = 0; k < centroids.length; k++) {
                for (int j = 0; j < width; j++) {
                    centroids[k][j] = (float) (double) p.centroids().get(k).get(j);
                }
            }
        }

        @Override
        public int columns() {
            return centroids.length;
        }

        @Override
        public String kind() {
            return "centroids";
        }

        @Override
        void evaluate(float[] x, int offset, double[] value, double[] bound) {
            for (int k = 0; k < centroids.length; k++) {
                double[] c = centroids[k];
                double distance = 0;
                double size = 0;
                for (int j = 0; j < width; j++) {
                    double xj = x[offset + j];
                    double d = xj - c[j];
                    distance += d * d;
                    // The graph computes |x|² − 2·x·c + |c|² in float32 (see KMeansOnnx): its terms' size.
                    size += xj * xj + 2 * Math.abs(xj * c[j]) + c[j] * c[j];
                }
                value[k] = distance;
                if (bound != null) {
                    bound[k] = ParityTolerance.of(ParityTolerance.sum(width + 2, size), distance, false);
                }
            }
        }
    }
}
