package com.crmscoring.training.binary;

import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import com.crmscoring.shared.model.ModelMetadata;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.ONNXExportable;
import org.tribuo.classification.Label;
import org.tribuo.common.xgboost.XGBoostModel;

/**
 * Exports a trained binary model to ONNX with {@link ModelMetadata} attached, and proves parity:
 * every training row is scored by Tribuo and by ONNX Runtime, and the export is refused when
 * any probability differs by more than {@link #PARITY_TOLERANCE}.
 */
public final class OnnxBinaryExporter {

    /** Largest accepted difference between Tribuo's and ONNX Runtime's probability. */
    public static final double PARITY_TOLERANCE = 1e-5;

    private static final String DOMAIN = "com.crmscoring";

    /** An exported model and the parity it showed. */
    public record Exported(byte[] onnx, ModelMetadata metadata, double maxParityDifference, int parityRows) {
    }

    /**
     * @param name       model name
     * @param version    model version
     * @param metrics    metrics to record
     * @param thresholds named cut-offs on the score
     * @throws ParityException when ONNX Runtime does not reproduce Tribuo's scores
     */
    public Exported export(TrainedBinaryModel trained, String name, String version,
                           Map<String, Double> metrics, Map<String, Double> thresholds) {
        List<String> labels = outputLabels(trained.model().getOutputIDInfo());
        OnnxMl.ModelProto proto;
        if (trained.model() instanceof XGBoostModel<?> boosted) {
            proto = XGBoostOnnx.export(boosted, trained.vectorizer().width(), labels.size(), DOMAIN);
        } else if (trained.model() instanceof ONNXExportable exportable) {
            proto = exportable.exportONNXModel(DOMAIN, 1);
        } else {
            throw new IllegalArgumentException(trained.model().getClass().getSimpleName() + " cannot be exported to ONNX");
        }
        ModelMetadata metadata = new ModelMetadata(name, version, "binary-classification", trained.chosen().description(),
                BinaryTrainer.POSITIVE, trained.spec(), trained.vectorizer().columns(),
                proto.getGraph().getInput(0).getName(), labels, proto.getGraph().getOutput(0).getName(),
                trained.data().fingerprint(), trained.data().trainedOn(), metrics, thresholds, List.of(), null, null, List.of());
        // Tribuo writes its provenance (training time, JVM, OS) into the doc string and a
        // metadata entry: both dropped so that the same data and seed give the same bytes. Our
        // metadata names the algorithm, its hyper-parameters and the data fingerprint instead.
        byte[] onnx = proto.toBuilder()
                .clearDocString()
                .clearMetadataProps()
                .addMetadataProps(OnnxMl.StringStringEntryProto.newBuilder().setKey(ModelMetadata.KEY).setValue(metadata.toJson()))
                .build()
                .toByteArray();
        double maxDifference = checkParity(onnx, metadata, trained);
        return new Exported(onnx, metadata, maxDifference, trained.trainScores().length);
    }

    private static List<String> outputLabels(ImmutableOutputInfo<Label> info) {
        List<String> labels = new ArrayList<>(info.size());
        for (int i = 0; i < info.size(); i++) {
            labels.add(info.getOutput(i).getLabel());
        }
        return labels;
    }

    private static double checkParity(byte[] onnx, ModelMetadata metadata, TrainedBinaryModel trained) {
        List<? extends com.crmscoring.shared.features.FeatureSource> rows = trained.data().rows();
        int width = trained.vectorizer().width();
        float[] batch = new float[rows.size() * width];
        for (int i = 0; i < rows.size(); i++) {
            trained.vectorizer().encodeInto(rows.get(i), batch, i * width);
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             OrtSession session = env.createSession(onnx, options)) {
            NodeInfo input = session.getInputInfo().get(metadata.inputName());
            long[] shape = ((TensorInfo) input.getInfo()).getShape();
            if (shape[1] != width) {
                throw new ParityException("ONNX input width " + shape[1] + " differs from the vectorizer's " + width);
            }
            try (OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(batch), new long[] {rows.size(), width});
                 OrtSession.Result result = session.run(Map.of(metadata.inputName(), tensor))) {
                float[][] probabilities = (float[][]) result.get(metadata.probabilityOutput()).orElseThrow().getValue();
                int positive = metadata.positiveIndex();
                double max = 0;
                for (int i = 0; i < rows.size(); i++) {
                    max = Math.max(max, Math.abs(probabilities[i][positive] - trained.trainScores()[i]));
                }
                if (!(max <= PARITY_TOLERANCE)) {
                    throw new ParityException("ONNX Runtime and Tribuo disagree by up to " + max + " on the training rows");
                }
                return max;
            }
        } catch (OrtException e) {
            throw new ParityException("ONNX Runtime cannot score the exported model: " + e.getMessage(), e);
        }
    }

    /** The exported model does not score as the trained one does: it must not be published. */
    public static final class ParityException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public ParityException(String message) {
            super(message);
        }

        public ParityException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
