package com.crmscoring.shared.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * A single-output tree ensemble's node tables, exactly as its ONNX {@code TreeEnsembleRegressor}
 * holds them, kept in the metadata for the reasons: a reason ("this attribute at its typical
 * value") can only change the trees whose path for the customer takes another branch at a split
 * on one of the attribute's columns, so it re-walks those few trees instead of scoring a whole
 * extra row through every tree. ONNX Runtime cannot evaluate a subset of an ensemble's trees, hence
 * this walk of our own; the export checks, row by row, that it gives the graph's output
 * ({@code ExportPipeline}).
 *
 * <p>All trees' nodes are laid out in one set of arrays (a tree's nodes from {@code roots[t]}),
 * so that a walk touches a few contiguous arrays rather than a few hundred small ones. Node
 * {@code i} splits on input column {@code feature[i]} ({@code -1} for a leaf), going to
 * {@code yes[i]} when the value is below {@code threshold[i]} (ONNX's {@code BRANCH_LT}), to
 * {@code no[i]} otherwise, and to {@code missing[i]} when it is NaN; a leaf adds {@code leaf[i]}
 * to the margin. Child indices are absolute.
 *
 * @param link       {@link #IDENTITY}: the output is the margin; {@link #LOG}: the output is
 *                   {@code exp(margin)} (Tweedie and gamma losses)
 * @param baseMargin the margin before the first tree
 */
public record TreeParameters(String link, float baseMargin, int[] roots, int[] feature, float[] threshold, int[] yes, int[] no,
                             int[] missing, float[] leaf) {

    public static final String IDENTITY = "identity";
    public static final String LOG = "log";

    public TreeParameters {
        Objects.requireNonNull(link, "link");
        if (!link.equals(IDENTITY) && !link.equals(LOG)) {
            throw new IllegalArgumentException("unknown link '" + link + "'");
        }
        int n = feature.length;
        if (threshold.length != n || yes.length != n || no.length != n || missing.length != n || leaf.length != n) {
            throw new IllegalArgumentException("the node tables differ in length");
        }
    }

    /** Number of trees. */
    public int size() {
        return roots.length;
    }

    /** The output for a margin. */
    public double output(double margin) {
        return link.equals(LOG) ? Math.exp(margin) : margin;
    }

    /** The leaf node of tree {@code tree} reached by the row at {@code x[offset ..]}. */
    public int leafOf(int tree, float[] x, int offset) {
        int node = roots[tree];
        while (feature[node] >= 0) {
            node = next(node, x[offset + feature[node]]);
        }
        return node;
    }

    /** The child a split node sends {@code value} to. */
    public int next(int node, float value) {
        return Float.isNaN(value) ? missing[node] : value < threshold[node] ? yes[node] : no[node];
    }

    /** By content: the tables are arrays, which a record would compare by identity. */
    @Override
    public boolean equals(Object o) {
        return o instanceof TreeParameters t && link.equals(t.link) && Float.compare(baseMargin, t.baseMargin) == 0
                && Arrays.equals(roots, t.roots) && Arrays.equals(feature, t.feature) && Arrays.equals(threshold, t.threshold)
                && Arrays.equals(yes, t.yes) && Arrays.equals(no, t.no) && Arrays.equals(missing, t.missing)
                && Arrays.equals(leaf, t.leaf);
    }

    @Override
    public int hashCode() {
        return Objects.hash(link, baseMargin, Arrays.hashCode(roots), Arrays.hashCode(feature), Arrays.hashCode(threshold),
                Arrays.hashCode(leaf));
    }

    @Override
    public String toString() {
        return "TreeParameters[link=" + link + ", baseMargin=" + baseMargin + ", " + roots.length + " trees, " + feature.length
                + " nodes]";
    }
}
