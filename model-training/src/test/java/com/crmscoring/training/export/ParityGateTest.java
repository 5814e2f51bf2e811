package com.crmscoring.training.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl;
import com.crmscoring.shared.features.FeatureField;
import com.crmscoring.shared.features.FeatureSource;
import com.crmscoring.shared.features.FeatureSpec;
import com.crmscoring.shared.features.FeatureVectorizer;
import com.crmscoring.shared.features.NumericTransform;
import com.crmscoring.shared.model.ModelMetadata;
import com.crmscoring.shared.model.ParityTolerance;
import com.crmscoring.shared.model.TreeParameters;
import com.crmscoring.training.binary.BinaryDataset;
import com.crmscoring.training.binary.BinaryFamilies;
import com.crmscoring.training.binary.BinaryPipeline;
import com.crmscoring.training.binary.BinaryTrainer;
import com.crmscoring.training.binary.TrainedBinaryModel;
import com.crmscoring.training.binary.XGBoostOnnx;
import com.crmscoring.training.card.ModelCard;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.tribuo.MutableDataset;
import org.tribuo.common.xgboost.XGBoostModel;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.xgboost.XGBoostRegressionTrainer;

/**
 * The parity gate is only worth something if it passes every honest export on any CPU and fails
 * a real mismatch. Each test exports a real trained model once as it is (it must pass) and once
 * deliberately broken in a small way that would still change what users see.
 */
class ParityGateTest {

    /** 1,200 rows, four features, a target that needs both a linear part and an interaction. */
    private static BinaryDataset data() {
        Random random = new Random(7);
        List<FeatureSource> rows = new ArrayList<>();
        boolean[] positive = new boolean[1_200];
        for (int i = 0; i < positive.length; i++) {
            double a = random.nextGaussian();
            double b = random.nextGaussian() * 3;
            double c = random.nextDouble() * 100;
            double d = random.nextGaussian();
            positive[i] = a + 0.3 * b - 0.01 * c + a * d + 0.5 * random.nextGaussian() > 0;
            rows.add(Map.<String, Object>of("a", a, "b", b, "c", c, "d", d)::get);
        }
        return new BinaryDataset(rows, positive, List.of(FeatureField.numeric("a", NumericTransform.NONE),
                FeatureField.numeric("b", NumericTransform.NONE), FeatureField.numeric("c", NumericTransform.SIGNED_LOG1P),
                FeatureField.numeric("d", NumericTransform.NONE)), "synthetic", "synthetic-7");
    }

    private static TrainedBinaryModel train(String family) {
        BinaryTrainer trainer = new BinaryTrainer(BinaryFamilies.exportable().stream().filter(c -> c.name().equals(family)).toList(),
                3, 42, line -> { });
        return trainer.train(data());
    }

    /** The export a binary recipe makes, with the graph passed through {@code change}. */
    private static ExportedModel export(TrainedBinaryModel trained, UnaryOperator<OnnxMl.ModelProto> change,
                                        List<String> columns) {
        List<String> labels = TribuoExport.outputLabels(trained.model());
        OnnxMl.ModelProto graph = TribuoExport.classifierGraph(trained.model(), columns.size());
        ModelMetadata metadata = ModelMetadata.builder("gate", "binary-classification").version("1.test")
                .algorithm(trained.chosen().description()).positiveLabel(BinaryTrainer.POSITIVE)
                .features(trained.spec(), columns)
                .graph(graph.getGraph().getInput(0).getName(), graph.getGraph().getOutput(0).getName(), labels)
                .data("none", "synthetic").build();
        ParityReference reference = TribuoExport.classifier(trained.model(), trained.spec(), trained.vectorizer().columns(),
                trained.data().rows(), labels, BinaryTrainer.POSITIVE, NaturalDomain.LOG_ODDS);
        ModelCard.Content card = new ModelCard.Content("t", 1, "c", "e", List.of(), List.of(), List.of(), List.of(), 42, List.of());
        UserDecision band = UserDecision.bands("risk band", 0, new double[] {0}, List.of("low", "high"));
        return new ExportPipeline().export(new ModelExport(metadata, change.apply(graph), trained.data().rows(),
                NaturalDomain.LOG_ODDS, reference, band, card));
    }

    private static ExportedModel export(TrainedBinaryModel trained, UnaryOperator<OnnxMl.ModelProto> change) {
        return export(trained, change, trained.vectorizer().columns());
    }

    @Test
    void treeEnsemble_passesAsExported_andFailsWithOneLeafOffByAThousandth() {
        TrainedBinaryModel trained = train("xgboost-shallow");
        ParityResult honest = export(trained, g -> g).parity();
        assertTrue(honest.margin() < 1, "an honest export passes: " + honest);
        assertEquals(0, honest.decisionMismatches());

        // One leaf of the first tree moved by 0.001 in margin: the rows that reach it score differently.
        ParityException e = assertThrows(ParityException.class, () -> export(trained, g -> withNode(g, "trees",
                n -> withFloats(n, "target_weights", 0, 1e-3f))));
        assertTrue(e.getMessage().contains("times the float32 tolerance"), e.getMessage());
    }

    /**
     * The tree tables the metadata carries for the reasons must be the graph's own trees: a
     * Tweedie regressor (log link, as lifetime value) exports with its tables, and the same export
     * with one leaf of the tables moved by a thousandth is refused, although the graph is intact.
     */
    @Test
    void treeTables_passAsExported_andFailWithOneLeafOffByAThousandth() {
        TrainedBinaryModel trained = train("logistic-regression-a");
        FeatureSpec spec = trained.spec();
        List<? extends FeatureSource> rows = trained.data().rows();
        FeatureVectorizer vectorizer = new FeatureVectorizer(spec, spec.columns());
        String[] names = spec.columns().toArray(String[]::new);
        MutableDataset<Regressor> data = new MutableDataset<>(new SimpleDataSourceProvenance("gate", new RegressionFactory()),
                new RegressionFactory());
        for (int i = 0; i < rows.size(); i++) {
            float[] v = vectorizer.vectorize(rows.get(i));
            double[] values = new double[v.length];
            for (int j = 0; j < v.length; j++) {
                values[j] = v[j];
            }
            // A spend-like target: zero for the negatives, positive and skewed for the positives.
            double y = trained.data().positive()[i] ? Math.exp(1 + values[0]) : 0;
            data.add(new ArrayExample<>(new Regressor("y", y), names, values));
        }
        XGBoostModel<Regressor> model = (XGBoostModel<Regressor>) new XGBoostRegressionTrainer(
                XGBoostRegressionTrainer.RegressionType.TWEEDIE, 50, 0.1, 0.0, 3, 1.0, 1.0, 1.0, 1.0, 0.0, 1, true, 42).train(data);
        List<String> columns = BinaryTrainer.modelColumns(model);
        OnnxMl.ModelProto graph = TribuoExport.regressorGraph(model, columns.size(), true);
        TreeParameters tables = XGBoostOnnx.parameters(model, true);
        assertTrue(exportRegressor(model, spec, columns, rows, graph, tables).parity().margin() < 1);

        float[] leaf = tables.leaf().clone();
        int first = 0;
        while (tables.feature()[first] >= 0) {
            first++;
        }
        leaf[first] += 1e-3f;
        TreeParameters moved = new TreeParameters(tables.link(), tables.baseMargin(), tables.roots(), tables.feature(),
                tables.threshold(), tables.yes(), tables.no(), tables.missing(), leaf);
        ParityException e = assertThrows(ParityException.class, () -> exportRegressor(model, spec, columns, rows, graph, moved));
        assertTrue(e.getMessage().contains("tree tables"), e.getMessage());
    }

    private static ExportedModel exportRegressor(XGBoostModel<Regressor> model, FeatureSpec spec, List<String> columns,
                                                 List<? extends FeatureSource> rows, OnnxMl.ModelProto graph, TreeParameters tables) {
        ModelMetadata metadata = ModelMetadata.builder("gate-trees", "regression").version("1.test").algorithm("xgboost tweedie")
                .features(spec, columns)
                .graph(graph.getGraph().getInput(0).getName(), graph.getGraph().getOutput(0).getName(), List.of("y"))
                .data("none", "synthetic").trees(tables).build();
        ModelCard.Content card = new ModelCard.Content("t", 1, "c", "e", List.of(), List.of(), List.of(), List.of(), 42, List.of());
        return new ExportPipeline().export(new ModelExport(metadata, graph, rows, NaturalDomain.LOG,
                TribuoExport.regressor(model, spec, columns, rows, NaturalDomain.LOG), null, card));
    }

    @Test
    void logisticRegression_passesAsExported_andFailsWithAWeightOffByOnePartInTenThousand() {
        TrainedBinaryModel trained = train("logistic-regression-a");
        assertTrue(export(trained, g -> g).parity().margin() < 1);

        // The first weight scaled by 1.0001: a relative change of 1e-4, still well above float32's 6e-8.
        assertThrows(ParityException.class, () -> export(trained, g -> withScaledInitializer(g, 0, 1.0001f)));
    }

    @Test
    void swappedInputColumns_areCaught() {
        TrainedBinaryModel trained = train("logistic-regression-a");
        List<String> swapped = new ArrayList<>(trained.vectorizer().columns());
        java.util.Collections.swap(swapped, 0, 1);
        assertThrows(ParityException.class, () -> export(trained, g -> g, swapped));
    }

    @Test
    void theBoundHoldsForRealFloat32Sums() {
        // Long float32 sums of mixed-sign, heavy-tailed terms against the exact double sum.
        Random random = new Random(3);
        for (int trial = 0; trial < 200; trial++) {
            int n = 10 + random.nextInt(2_000);
            float sum = 0;
            double exact = 0;
            double size = 0;
            for (int i = 0; i < n; i++) {
                float term = (float) (random.nextGaussian() * Math.exp(random.nextGaussian() * 3));
                sum += term;
                exact += term;
                size += Math.abs(term);
            }
            double error = Math.abs(sum - exact);
            double bound = ParityTolerance.sum(n, size);
            assertTrue(error <= bound, "n=" + n + ": error " + error + " above the bound " + bound);
        }
    }

    private static OnnxMl.ModelProto withNode(OnnxMl.ModelProto g, String name, UnaryOperator<OnnxMl.NodeProto> change) {
        OnnxMl.GraphProto.Builder graph = g.getGraph().toBuilder();
        for (int i = 0; i < graph.getNodeCount(); i++) {
            if (graph.getNode(i).getName().equals(name)) {
                graph.setNode(i, change.apply(graph.getNode(i)));
                return g.toBuilder().setGraph(graph).build();
            }
        }
        throw new IllegalArgumentException("no node named " + name);
    }

    private static OnnxMl.NodeProto withFloats(OnnxMl.NodeProto node, String attribute, int index, float delta) {
        OnnxMl.NodeProto.Builder b = node.toBuilder();
        for (int i = 0; i < b.getAttributeCount(); i++) {
            if (b.getAttribute(i).getName().equals(attribute)) {
                OnnxMl.AttributeProto a = b.getAttribute(i);
                b.setAttribute(i, a.toBuilder().setFloats(index, a.getFloats(index) + delta));
                return b.build();
            }
        }
        throw new IllegalArgumentException("no attribute " + attribute);
    }

    /** Scales the first value of the graph's first initializer (Tribuo's weight matrix). */
    private static OnnxMl.ModelProto withScaledInitializer(OnnxMl.ModelProto g, int index, float factor) {
        OnnxMl.TensorProto t = g.getGraph().getInitializer(0);
        OnnxMl.TensorProto.Builder changed = t.toBuilder();
        if (t.getFloatDataCount() > 0) {
            changed.setFloatData(index, t.getFloatData(index) * factor);
        } else {
            ByteBuffer raw = ByteBuffer.wrap(t.getRawData().toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
            raw.putFloat(index * Float.BYTES, raw.getFloat(index * Float.BYTES) * factor);
            changed.setRawData(ByteString.copyFrom(raw.array()));
        }
        return g.toBuilder().setGraph(g.getGraph().toBuilder().setInitializer(0, changed)).build();
    }
}
