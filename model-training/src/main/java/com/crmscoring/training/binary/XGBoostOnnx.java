package com.crmscoring.training.binary;

import ai.onnx.proto.OnnxMl;
import com.crmscoring.shared.model.TreeParameters;
import com.crmscoring.training.onnx.OnnxProtos;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.tribuo.common.xgboost.XGBoostModel;

/**
 * ONNX for a Tribuo XGBoost classifier, which Tribuo cannot export. Tribuo trains classifiers
 * with {@code multi:softprob}: one tree per class and round, class margin = base score + the sum
 * of that class's leaves, probabilities = softmax of the margins. The graph is exactly that: an
 * ONNX-ML {@code TreeEnsembleRegressor} with one target per class, then {@code Softmax}.
 *
 * <p>Trees come from XGBoost's JSON dump, which prints thresholds and leaves with nine
 * significant digits: enough to round-trip every float. A split sends {@code x < threshold} to
 * "yes"; our input vectors never hold missing values (the feature specification fills them), so
 * the "missing" branch is recorded but never taken.
 */
public final class XGBoostOnnx {

    /** XGBoost's default starting margin; it cancels out in the softmax but keeps the margins honest. */
    static final float BASE_SCORE = 0.5f;
    private static final String ML_DOMAIN = "ai.onnx.ml";
    private static final ObjectMapper JSON = new ObjectMapper();

    private XGBoostOnnx() {
    }

    /**
     * @param inputWidth  number of input columns (Tribuo feature ids 0..width-1, which are XGBoost's f0..)
     * @param classes     number of output classes
     */
    public static OnnxMl.ModelProto export(XGBoostModel<?> model, int inputWidth, int classes, String domain) {
        return build(model, inputWidth, classes, Link.SOFTMAX, domain);
    }

    /**
     * A single-output regressor ({@code reg:squarederror}): prediction = base score + the sum of
     * the leaves, with no transform.
     */
    public static OnnxMl.ModelProto exportRegressor(XGBoostModel<?> model, int inputWidth, String domain) {
        return build(model, inputWidth, 1, Link.IDENTITY, domain);
    }

    /**
     * A single-output regressor with a log link ({@code reg:tweedie}, {@code reg:gamma}):
     * prediction = exp(log(base score) + the sum of the leaves).
     */
    public static OnnxMl.ModelProto exportLogLinkRegressor(XGBoostModel<?> model, int inputWidth, String domain) {
        return build(model, inputWidth, 1, Link.LOG, domain);
    }

    /** How the summed margins become the output. */
    private enum Link { SOFTMAX, IDENTITY, LOG }

    private static OnnxMl.ModelProto build(XGBoostModel<?> model, int inputWidth, int classes, Link link, String domain) {
        String[] trees = dump(model);
        Ensemble ensemble = new Ensemble();
        for (int t = 0; t < trees.length; t++) {
            try {
                ensemble.addTree(t, t % classes, JSON.readTree(trees[t]));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("tree " + t + " of the XGBoost dump is not JSON", e);
            }
        }
        float[] base = new float[classes];
        // With a log link XGBoost starts from log(base score), not from the base score itself.
        java.util.Arrays.fill(base, link == Link.LOG ? (float) Math.log(BASE_SCORE) : BASE_SCORE);

        OnnxMl.NodeProto trees0 = OnnxMl.NodeProto.newBuilder()
                .setName("trees").setOpType("TreeEnsembleRegressor").setDomain(ML_DOMAIN)
                .addInput("input").addOutput(link == Link.IDENTITY ? "output" : "margins")
                .addAttribute(OnnxMl.AttributeProto.newBuilder().setName("n_targets")
                        .setType(OnnxMl.AttributeProto.AttributeType.INT).setI(classes))
                .addAttribute(ints("nodes_treeids", ensemble.treeIds))
                .addAttribute(ints("nodes_nodeids", ensemble.nodeIds))
                .addAttribute(ints("nodes_featureids", ensemble.featureIds))
                .addAttribute(floats("nodes_values", ensemble.values))
                .addAttribute(strings("nodes_modes", ensemble.modes))
                .addAttribute(ints("nodes_truenodeids", ensemble.trueIds))
                .addAttribute(ints("nodes_falsenodeids", ensemble.falseIds))
                .addAttribute(ints("nodes_missing_value_tracks_true", ensemble.missingTrue))
                .addAttribute(ints("target_treeids", ensemble.leafTreeIds))
                .addAttribute(ints("target_nodeids", ensemble.leafNodeIds))
                .addAttribute(ints("target_ids", ensemble.leafTargets))
                .addAttribute(floats("target_weights", ensemble.leafWeights))
                .addAttribute(floats("base_values", toList(base)))
                .addAttribute(OnnxMl.AttributeProto.newBuilder().setName("aggregate_function")
                        .setType(OnnxMl.AttributeProto.AttributeType.STRING).setS(com.google.protobuf.ByteString.copyFromUtf8("SUM")))
                .addAttribute(OnnxMl.AttributeProto.newBuilder().setName("post_transform")
                        .setType(OnnxMl.AttributeProto.AttributeType.STRING).setS(com.google.protobuf.ByteString.copyFromUtf8("NONE")))
                .build();
        OnnxMl.NodeProto softmaxNode = OnnxMl.NodeProto.newBuilder()
                .setName("softmax").setOpType("Softmax").addInput("margins").addOutput("output")
                .addAttribute(OnnxMl.AttributeProto.newBuilder().setName("axis").setType(OnnxMl.AttributeProto.AttributeType.INT).setI(1))
                .build();
        OnnxMl.GraphProto.Builder graph = OnnxMl.GraphProto.newBuilder()
                .setName("xgboost")
                .addInput(OnnxProtos.floatTensor("input", inputWidth))
                .addOutput(OnnxProtos.floatTensor("output", classes))
                .addNode(trees0);
        if (link == Link.SOFTMAX) {
            graph.addNode(softmaxNode);
        } else if (link == Link.LOG) {
            graph.addNode(OnnxMl.NodeProto.newBuilder().setName("exp").setOpType("Exp").addInput("margins").addOutput("output"));
        }
        return OnnxProtos.model(graph.build(), domain, true);
    }

    private static String[] dump(XGBoostModel<?> model) {
        if (model.getInnerModels().size() != 1) {
            throw new IllegalArgumentException("only single-booster XGBoost models can be exported");
        }
        try {
            return model.getInnerModels().get(0).getModelDump((String) null, false, "json");
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost could not dump its trees: " + e.getMessage(), e);
        }
    }

    /**
     * A single-output regressor's node tables for the metadata ({@link TreeParameters}): the same
     * trees as the graph, from the same dump, which the export checks row by row against the graph.
     */
    public static TreeParameters parameters(XGBoostModel<?> model, boolean logLink) {
        return tables(model, logLink ? TreeParameters.LOG : TreeParameters.IDENTITY,
                logLink ? (float) Math.log(BASE_SCORE) : BASE_SCORE);
    }

    /** Every tree of the booster in one set of node tables, in booster order. */
    private static TreeParameters tables(XGBoostModel<?> model, String link, float baseMargin) {
        String[] dumped = dump(model);
        int[] roots = new int[dumped.length];
        List<List<JsonNode>> trees = new ArrayList<>();
        int total = 0;
        for (int t = 0; t < dumped.length; t++) {
            List<JsonNode> nodes = new ArrayList<>();
            try {
                collect(JSON.readTree(dumped[t]), nodes);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("tree " + t + " of the XGBoost dump is not JSON", e);
            }
            roots[t] = total;
            total += nodes.stream().mapToInt(n -> n.get("nodeid").asInt()).max().orElse(0) + 1;
            trees.add(nodes);
        }
        int[] feature = new int[total];
        Arrays.fill(feature, -1); // ids a pruned tree skipped stay leaves of 0, never reached
        float[] threshold = new float[total];
        int[] yes = new int[total];
        int[] no = new int[total];
        int[] missing = new int[total];
        float[] leaf = new float[total];
        for (int t = 0; t < trees.size(); t++) {
            int root = roots[t];
            for (JsonNode n : trees.get(t)) {
                int id = root + n.get("nodeid").asInt();
                if (n.has("leaf")) {
                    leaf[id] = (float) n.get("leaf").asDouble();
                } else {
                    feature[id] = Integer.parseInt(n.get("split").asText().substring(1));
                    threshold[id] = (float) n.get("split_condition").asDouble();
                    yes[id] = root + n.get("yes").asInt();
                    no[id] = root + n.get("no").asInt();
                    missing[id] = root + n.get("missing").asInt();
                }
            }
        }
        return new TreeParameters(link, baseMargin, roots, feature, threshold, yes, no, missing, leaf);
    }

    private static void collect(JsonNode node, List<JsonNode> into) {
        into.add(node);
        if (node.has("children")) {
            node.get("children").forEach(c -> collect(c, into));
        }
    }

    /**
     * The trees of a booster, walked in double for parity's tolerance: for a row, the sum over each
     * class's trees of the absolute leaf values it reaches, which is what ONNX Runtime's float32
     * sum of leaves can round ({@code ParityTolerance}).
     */
    public static LeafMagnitudes leafMagnitudes(XGBoostModel<?> model, int classes) {
        return new LeafMagnitudes(tables(model, TreeParameters.IDENTITY, BASE_SCORE), classes);
    }

    /** See {@link #leafMagnitudes}. */
    public static final class LeafMagnitudes {
        private final TreeParameters trees;
        private final int classes;

        private LeafMagnitudes(TreeParameters trees, int classes) {
            this.trees = trees;
            this.classes = classes;
        }

        /** Trees summed per class: the length of each class's float32 sum. */
        public int treesPerClass() {
            return (trees.size() + classes - 1) / classes;
        }

        /** Per class: the absolute base margin plus the absolute leaf values {@code x} reaches. */
        public double[] of(float[] x) {
            double[] sums = new double[classes];
            Arrays.fill(sums, Math.abs(Math.log(BASE_SCORE)));
            for (int t = 0; t < trees.size(); t++) {
                sums[t % classes] += Math.abs(trees.leaf()[trees.leafOf(t, x, 0)]);
            }
            return sums;
        }
    }

    /** The flattened node and leaf tables of every tree. */
    private static final class Ensemble {
        final List<Long> treeIds = new ArrayList<>();
        final List<Long> nodeIds = new ArrayList<>();
        final List<Long> featureIds = new ArrayList<>();
        final List<Float> values = new ArrayList<>();
        final List<String> modes = new ArrayList<>();
        final List<Long> trueIds = new ArrayList<>();
        final List<Long> falseIds = new ArrayList<>();
        final List<Long> missingTrue = new ArrayList<>();
        final List<Long> leafTreeIds = new ArrayList<>();
        final List<Long> leafNodeIds = new ArrayList<>();
        final List<Long> leafTargets = new ArrayList<>();
        final List<Float> leafWeights = new ArrayList<>();

        void addTree(int tree, int target, JsonNode node) {
            long id = node.get("nodeid").asLong();
            treeIds.add((long) tree);
            nodeIds.add(id);
            if (node.has("leaf")) {
                featureIds.add(0L);
                values.add(0f);
                modes.add("LEAF");
                trueIds.add(0L);
                falseIds.add(0L);
                missingTrue.add(0L);
                leafTreeIds.add((long) tree);
                leafNodeIds.add(id);
                leafTargets.add((long) target);
                leafWeights.add((float) node.get("leaf").asDouble());
                return;
            }
            String split = node.get("split").asText();
            if (!split.startsWith("f")) {
                throw new IllegalStateException("tree " + tree + " splits on '" + split + "', expected f<index>");
            }
            long yes = node.get("yes").asLong();
            featureIds.add(Long.parseLong(split.substring(1)));
            values.add((float) node.get("split_condition").asDouble());
            modes.add("BRANCH_LT");
            trueIds.add(yes);
            falseIds.add(node.get("no").asLong());
            missingTrue.add(node.get("missing").asLong() == yes ? 1L : 0L);
            for (JsonNode child : node.get("children")) {
                addTree(tree, target, child);
            }
        }
    }

    private static OnnxMl.AttributeProto ints(String name, List<Long> values) {
        return OnnxMl.AttributeProto.newBuilder().setName(name).setType(OnnxMl.AttributeProto.AttributeType.INTS)
                .addAllInts(values).build();
    }

    private static OnnxMl.AttributeProto floats(String name, List<Float> values) {
        return OnnxMl.AttributeProto.newBuilder().setName(name).setType(OnnxMl.AttributeProto.AttributeType.FLOATS)
                .addAllFloats(values).build();
    }

    private static OnnxMl.AttributeProto strings(String name, List<String> values) {
        OnnxMl.AttributeProto.Builder b = OnnxMl.AttributeProto.newBuilder().setName(name)
                .setType(OnnxMl.AttributeProto.AttributeType.STRINGS);
        values.forEach(v -> b.addStrings(com.google.protobuf.ByteString.copyFromUtf8(v)));
        return b.build();
    }

    private static List<Float> toList(float[] values) {
        List<Float> out = new ArrayList<>(values.length);
        for (float v : values) {
            out.add(v);
        }
        return out;
    }
}
