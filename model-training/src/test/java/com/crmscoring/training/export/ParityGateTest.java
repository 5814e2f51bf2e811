package com.crmscoring.training.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl;
import com.crmscoring.shared.features.FeatureField;
import com.crmscoring.shared.features.FeatureSource;
import com.crmscoring.shared.features.NumericTransform;
import com.crmscoring.shared.model.ModelMetadata;
import com.crmscoring.shared.model.ParityTolerance;
import com.crmscoring.training.binary.BinaryDataset;
import com.crmscoring.training.binary.BinaryFamilies;
import com.crmscoring.training.binary.BinaryPipeline;
import com.crmscoring.training.binary.BinaryTrainer;
import com.crmscoring.training.binary.TrainedBinaryModel;
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
