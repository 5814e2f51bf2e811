package com.crmscoring.training.segment;

import static org.tribuo.util.onnx.ONNXOperators.ADD;
import static org.tribuo.util.onnx.ONNXOperators.GEMM;
import static org.tribuo.util.onnx.ONNXOperators.HARDMAX;
import static org.tribuo.util.onnx.ONNXOperators.MUL;
import static org.tribuo.util.onnx.ONNXOperators.NEG;

import ai.onnx.proto.OnnxMl;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tribuo.ONNXExportable;
import org.tribuo.clustering.kmeans.KMeansModel;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXInitializer;
import org.tribuo.util.onnx.ONNXNode;
import org.tribuo.util.onnx.ONNXPlaceholder;
import org.tribuo.util.onnx.ONNXRef;

/**
 * An ONNX graph for a Tribuo K-Means model, which Tribuo cannot export itself. For an input row
 * x and centroids C it computes the squared Euclidean distance to every centroid,
 * {@code |x|^2 - 2 x.C^T + |C|^2}, and the index of the nearest one (Hardmax over the negated
 * distances, first index on ties, as Tribuo's own assignment).
 *
 * <p>Inputs: {@code input} float [N, d]. Outputs: {@code distances} float [N, k] and
 * {@code cluster} float [N, 1] holding the cluster index.
 */
final class KMeansOnnx {

    static final String INPUT = "input";
    static final String DISTANCES = "distances";
    static final String CLUSTER = "cluster";

    private KMeansOnnx() {
    }

    /**
     * @param centroids k rows of d coordinates, columns in the model's input order
     */
    static OnnxMl.ModelProto export(KMeansModel model, float[][] centroids, String domain) {
        int k = centroids.length;
        int d = centroids[0].length;
        ONNXContext ctx = new ONNXContext();
        ctx.setName("kmeans");
        ONNXPlaceholder input = ctx.floatInput(INPUT, d);
        ONNXPlaceholder distances = ctx.floatOutput(DISTANCES, k);
        ONNXPlaceholder cluster = ctx.floatOutput(CLUSTER, 1);

        float[] norms = new float[k];
        for (int c = 0; c < k; c++) {
            double sum = 0;
            for (float v : centroids[c]) {
                sum += (double) v * v;
            }
            norms[c] = (float) sum;
        }
        ONNXInitializer centroidTensor = ctx.floatTensor("centroids", List.of(k, d), buffer -> {
            for (float[] row : centroids) {
                buffer.put(row);
            }
        });
        ONNXInitializer centroidNorms = ctx.array("centroid_squared_norms", norms);
        ONNXInitializer ones = ctx.floatTensor("ones", List.of(d, 1), buffer -> {
            for (int i = 0; i < d; i++) {
                buffer.put(1f);
            }
        });
        ONNXInitializer ids = ctx.floatTensor("cluster_ids", List.of(k, 1), buffer -> {
            for (int c = 0; c < k; c++) {
                buffer.put(c);
            }
        });

        // -2 x.C^T + |C|^2, then + |x|^2 (a [N, 1] column, broadcast over the k centroids).
        ONNXNode cross = input.apply(GEMM, List.<ONNXRef<?>>of(centroidTensor, centroidNorms), List.of("cross_term"),
                // Sorted: Map.of iterates in a per-JVM order, which would change the bytes from run to run.
                new TreeMap<>(Map.of("alpha", -2.0f, "beta", 1.0f, "transB", 1))).get(0);
        ONNXNode rowNorms = input.apply(MUL, input).apply(GEMM, List.<ONNXRef<?>>of(ones), List.of("row_squared_norms"),
                Map.of()).get(0);
        ONNXNode squared = cross.apply(ADD, rowNorms);
        squared.assignTo(distances);
        ONNXNode nearest = squared.apply(NEG).apply(HARDMAX, Map.of("axis", 1));
        nearest.apply(GEMM, List.<ONNXRef<?>>of(ids), List.of("nearest_index"), Map.of()).get(0).assignTo(cluster);
        return ONNXExportable.buildModel(ctx, domain, 1, model);
    }
}
