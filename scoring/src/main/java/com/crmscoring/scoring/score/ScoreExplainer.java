package com.crmscoring.scoring.score;

import com.crmscoring.shared.features.FeatureSource;
import com.crmscoring.shared.features.FeatureVectorizer;
import com.crmscoring.shared.model.LinearParameters;
import com.crmscoring.shared.model.ModelMetadata;
import com.crmscoring.shared.model.OnnxModel;
import com.crmscoring.shared.model.TreeParameters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Scores a customer and says why. A reason is defined as "this attribute at a typical customer's
 * value" (the training mean or most common level): the score's change when only that attribute is
 * reset. Log-odds rather than probability for classifiers, because near 0 or 1 every probability
 * difference shrinks to nothing and the ranking would say nothing.
 *
 * <p>Three ways to compute the same definition, the cheapest the model allows:
 * <ul>
 *   <li><b>From the weights</b>, for a linear model whose metadata carries them
 *       ({@link LinearParameters}): the change of a linear margin is exactly
 *       {@code Σ w_j · (x_j − baseline_j)} over the attribute's encoded columns, so one model row
 *       per customer is enough. {@code ScoreExplainerLinearTest} shows it equals the counterfactual
 *       rows within float32's rounding.</li>
 *   <li><b>From the trees</b>, for a single-output tree ensemble whose metadata carries its node
 *       tables ({@link TreeParameters}): resetting an attribute can only change the trees whose
 *       path for the customer branches the other way at a split on one of its columns, so only
 *       those are walked again, and the margin's change is the sum of their leaves' changes. The result is the counterfactual
 *       definition itself, computed in double rather than through ONNX Runtime's float32;
 *       {@code ScoreExplainerTreesTest} compares the two.</li>
 *   <li><b>By counterfactual rows</b>, for every other family (tree ensembles, kernels): row 0 is
 *       the customer, then one row per attribute reset to its typical value, all in the same ONNX
 *       run. An attribute already at its typical value would give a row identical to the
 *       customer's, so its row is not built: its change is exactly zero for any model.</li>
 * </ul>
 * Only the strongest reasons are turned into text.
 */
public final class ScoreExplainer {

    /** A probability with its strongest reasons and the attributes that were defaulted. */
    public record Explained(double probability, List<Reason> reasons, List<String> defaulted) {
    }

    /** How the reasons are computed (all three give the same definition). */
    public enum Method {
        /** From a linear model's weights: one model row per customer. */
        WEIGHTS,
        /** From a tree ensemble's node tables: only the trees an attribute's columns reach are walked again. */
        TREES,
        /** One extra model row per attribute, through ONNX Runtime: any model family. */
        ROWS
    }

    /** The scale on which attribute contributions are measured. */
    public enum Scale {
        /** For probabilities: log-odds, additive for logistic models and not squashed near 0 or 1. */
        LOG_ODDS,
        /** For amounts and anomaly scores: the score's own units. */
        IDENTITY
    }

    private final OnnxModel model;
    private final Scale scale;
    private final List<FeatureVectorizer.FeatureGroup> groups;
    /** Per attribute, the input positions it fills. */
    private final int[][] columns;
    /** The reason margin's weight per input column for a linear model; null where reasons take another way. */
    private final double[] weights;
    /** A tree ensemble's node tables; null where reasons take another way. */
    private final TreeParameters trees;
    /** Per input column, the attribute (index into {@link #groups}) that fills it, and the typical customer's value there (float32, as the input). */
    private final int[] groupOf;
    private final float[] typicalOf;
    /** Whether the scores come from ONNX Runtime even where the model has parameter tables: the definition, for the tests. */
    private final boolean graphOnly;

    /** Reasons the cheapest way the model allows on {@code scale}. */
    public ScoreExplainer(OnnxModel model, Scale scale) {
        this(model, scale, true);
    }

    private ScoreExplainer(OnnxModel model, Scale scale, boolean fromParameters) {
        this.model = model;
        this.scale = scale;
        this.groups = model.vectorizer().groups();
        this.columns = new int[groups.size()][];
        this.graphOnly = !fromParameters;
        this.groupOf = new int[model.vectorizer().width()];
        this.typicalOf = new float[model.vectorizer().width()];
        for (int g = 0; g < groups.size(); g++) {
            int[] positions = groups.get(g).positions();
            double[] baseline = groups.get(g).definition().baseline();
            int used = 0;
            for (int position : positions) {
                used += position >= 0 ? 1 : 0;
            }
            columns[g] = new int[used];
            for (int j = 0, k = 0; j < positions.length; j++) {
                if (positions[j] >= 0) {
                    columns[g][k++] = positions[j];
                    groupOf[positions[j]] = g;
                    typicalOf[positions[j]] = (float) baseline[j];
                }
            }
        }
        ModelMetadata metadata = model.metadata();
        LinearParameters linear = metadata.linear();
        this.weights = !fromParameters || linear == null ? null
                : linear.reasonWeights(metadata.positiveLabel() == null ? -1 : metadata.positiveIndex(), scale == Scale.LOG_ODDS);
        // Tree tables serve reasons in the output's own units; a classifier's log-odds would need its softmax.
        this.trees = fromParameters && weights == null && scale == Scale.IDENTITY ? metadata.trees() : null;
    }

    /**
     * Always by counterfactual rows through ONNX Runtime, whatever the model family: the definition
     * itself, computed by the graph rather than from the parameter tables, against which the
     * reasons from the weights and from the trees are tested.
     */
    public static ScoreExplainer counterfactual(OnnxModel model, Scale scale) {
        return new ScoreExplainer(model, scale, false);
    }

    /** How this explainer computes reasons for its model. */
    public Method method() {
        return weights != null ? Method.WEIGHTS : trees != null ? Method.TREES : Method.ROWS;
    }

    public Explained explain(FeatureSource source, int topReasons) {
        return explainAll(List.of(source), topReasons).get(0);
    }

    /** Scores and explains every source in one ONNX run. */
    public List<Explained> explainAll(List<? extends FeatureSource> sources, int topReasons) {
        Computed computed = compute(sources);
        List<Explained> out = new ArrayList<>(sources.size());
        for (int s = 0; s < sources.size(); s++) {
            List<String> defaulted = computed.defaulted().get(s);
            out.add(new Explained(computed.scores()[s], strongest(sources.get(s), computed.impacts()[s], defaulted, topReasons),
                    List.copyOf(defaulted)));
        }
        return out;
    }

    /**
     * Each source's score, each attribute's unrounded change (in {@link #groups} order), and the
     * attributes that were defaulted.
     */
    record Computed(float[] scores, double[][] impacts, List<List<String>> defaulted) {
    }

    Computed compute(List<? extends FeatureSource> sources) {
        int width = model.vectorizer().width();
        int n = sources.size();
        float[] own = new float[n * width];
        List<List<String>> defaulted = new ArrayList<>(n);
        for (int s = 0; s < n; s++) {
            defaulted.add(model.vectorizer().encodeInto(sources.get(s), own, s * width));
        }
        double[][] impacts = new double[n][groups.size()];
        float[] p = switch (method()) {
            case WEIGHTS -> fromWeights(own, n, impacts);
            case TREES -> fromTrees(own, n, impacts);
            case ROWS -> counterfactualRows(own, n, impacts);
        };
        return new Computed(p, impacts, defaulted);
    }

    /** One row per source; each attribute's change of the margin from the weights. Returns the scores. */
    private float[] fromWeights(float[] own, int n, double[][] impacts) {
        int width = model.vectorizer().width();
        for (int s = 0; s < n; s++) {
            int base = s * width;
            for (int g = 0; g < columns.length; g++) {
                double change = 0;
                for (int k = 0; k < columns[g].length; k++) {
                    int c = columns[g][k];
                    change += weights[c] * ((double) own[base + c] - typicalOf[columns[g][k]]);
                }
                impacts[s][g] = change;
            }
        }
        return model.scores(own, n);
    }

    /**
     * One row per source for the score; each attribute's change from the trees whose path for the
     * customer branches the other way at a split on one of its columns when it is reset (in every
     * other tree the reset row follows the same path to the same leaf), re-walked with the
     * attribute at its typical value. Returns the scores, from the same walk.
     */
    private float[] fromTrees(float[] own, int n, double[][] impacts) {
        int width = model.vectorizer().width();
        int[] feature = trees.feature();
        float[] leaf = trees.leaf();
        double[] change = new double[columns.length];
        boolean[] rerouted = new boolean[columns.length];
        // The attributes whose reset re-routes the current tree; seen[g] == t + 1 once g is listed for tree t.
        int[] flips = new int[columns.length];
        int[] seen = new int[columns.length];
        float[] row = new float[width];
        float[] scores = new float[n];
        for (int s = 0; s < n; s++) {
            int base = s * width;
            java.util.Arrays.fill(change, 0);
            java.util.Arrays.fill(rerouted, false);
            java.util.Arrays.fill(seen, 0);
            System.arraycopy(own, base, row, 0, width);
            double margin = trees.baseMargin();
            for (int t = 0; t < trees.size(); t++) {
                // TreeParameters.leafOf's walk, asking at each split whether the typical value would branch otherwise.
                int flipped = 0;
                int node = trees.roots()[t];
                while (feature[node] >= 0) {
                    int c = feature[node];
                    int next = trees.next(node, own[base + c]);
                    int g = groupOf[c];
                    if (seen[g] != t + 1 && trees.next(node, typicalOf[c]) != next) {
                        seen[g] = t + 1;
                        flips[flipped++] = g;
                    }
                    node = next;
                }
                margin += leaf[node];
                for (int f = 0; f < flipped; f++) {
                    int g = flips[f];
                    for (int k = 0; k < columns[g].length; k++) {
                        row[columns[g][k]] = typicalOf[columns[g][k]];
                    }
                    change[g] += leaf[trees.leafOf(t, row, 0)] - leaf[node];
                    rerouted[g] = true;
                    for (int k = 0; k < columns[g].length; k++) {
                        row[columns[g][k]] = own[base + columns[g][k]];
                    }
                }
            }
            double ownOutput = trees.output(margin);
            // The walk above is the tables' own evaluation (OnnxModel's, checked against the graph): no second walk for the score.
            scores[s] = (float) ownOutput;
            for (int g = 0; g < columns.length; g++) {
                impacts[s][g] = rerouted[g] ? ownOutput - trees.output(margin + change[g]) : 0;
            }
        }
        return scores;
    }

    /**
     * Per source its own row, then one row per attribute not at its typical value, with that
     * attribute reset. Returns the sources' own scores.
     */
    private float[] counterfactualRows(float[] own, int n, double[][] impacts) {
        int width = model.vectorizer().width();
        int[][] rowOf = new int[n][columns.length];
        int rows = n;
        for (int s = 0; s < n; s++) {
            for (int g = 0; g < columns.length; g++) {
                rowOf[s][g] = atTypical(own, s * width, g) ? -1 : rows++;
            }
        }
        float[] batch = new float[rows * width];
        System.arraycopy(own, 0, batch, 0, n * width);
        for (int s = 0; s < n; s++) {
            for (int g = 0; g < columns.length; g++) {
                if (rowOf[s][g] >= 0) {
                    int offset = rowOf[s][g] * width;
                    System.arraycopy(own, s * width, batch, offset, width);
                    for (int k = 0; k < columns[g].length; k++) {
                        batch[offset + columns[g][k]] = typicalOf[columns[g][k]];
                    }
                }
            }
        }
        float[] p = graphOnly ? model.graphScores(batch, rows) : model.scores(batch, rows);
        for (int s = 0; s < n; s++) {
            for (int g = 0; g < columns.length; g++) {
                int row = rowOf[s][g];
                impacts[s][g] = row < 0 ? 0 : scale == Scale.LOG_ODDS ? logOdds(p[s]) - logOdds(p[row]) : p[s] - p[row];
            }
        }
        return p;
    }

    private boolean atTypical(float[] rows, int offset, int g) {
        for (int k = 0; k < columns[g].length; k++) {
            if (rows[offset + columns[g][k]] != typicalOf[columns[g][k]]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The {@code top} attributes with the largest non-zero change (rounded as shown; ties by
     * name), strongest first: only these are turned into text.
     */
    private List<Reason> strongest(FeatureSource source, double[] impacts, List<String> defaulted, int top) {
        int[] chosen = new int[Math.min(top, impacts.length)];
        int count = 0;
        for (int g = 0; g < impacts.length; g++) {
            if (impacts[g] == 0) {
                continue;
            }
            int at = count;
            while (at > 0 && stronger(g, chosen[at - 1], impacts)) {
                at--;
            }
            if (at < chosen.length) {
                System.arraycopy(chosen, at, chosen, at + 1, Math.min(count, chosen.length - 1) - at);
                chosen[at] = g;
                count = Math.min(count + 1, chosen.length);
            }
        }
        List<Reason> reasons = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int g = chosen[i];
            String name = groups.get(g).definition().name();
            double impact = impacts[g];
            reasons.add(new Reason(name, display(source.value(name), defaulted.contains(name)),
                    impact > 0 ? "raises" : "lowers", round(impact)));
        }
        return List.copyOf(reasons);
    }

    private boolean stronger(int a, int b, double[] impacts) {
        int byImpact = Double.compare(Math.abs(round(impacts[a])), Math.abs(round(impacts[b])));
        if (byImpact != 0) {
            return byImpact > 0;
        }
        return groups.get(a).definition().name().compareTo(groups.get(b).definition().name()) < 0;
    }

    private static String display(Object raw, boolean defaulted) {
        if (defaulted || raw == null) {
            return "missing (default used)";
        }
        if (raw instanceof Double d) {
            return d == Math.rint(d) ? Long.toString(d.longValue()) : String.format(Locale.ROOT, "%.2f", d);
        }
        return raw.toString();
    }

    private static double logOdds(double p) {
        double q = Math.min(1 - 1e-7, Math.max(1e-7, p));
        return Math.log(q / (1 - q));
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
