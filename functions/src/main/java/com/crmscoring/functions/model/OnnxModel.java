package com.crmscoring.functions.model;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import com.crmscoring.shared.features.FeatureSchemaMismatchException;
import com.crmscoring.shared.features.FeatureVectorizer;
import com.crmscoring.shared.model.ModelMetadata;
import java.nio.FloatBuffer;
import java.util.Map;

/**
 * One ONNX model with its metadata: one session per container, created once and shared by all
 * invocations (an {@link OrtSession} is thread-safe for {@code run}).
 *
 * <p>Construction refuses a model whose metadata is missing or invalid, whose input width does
 * not match its own column list, or whose columns the shared feature specification cannot
 * produce: better a container that fails to start than one that scores shifted vectors.
 */
public final class OnnxModel implements AutoCloseable {

    private final OrtEnvironment env;
    private final OrtSession session;
    private final ModelMetadata metadata;
    private final FeatureVectorizer vectorizer;
    private final int positiveIndex;

    /**
     * @param source where the bytes came from, for messages
     * @throws ModelLoadException when the model cannot be used
     */
    public OnnxModel(OrtEnvironment env, String source, byte[] onnx) {
        this.env = env;
        OrtSession created = null;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            // Tiny models and one request per container at a time: threads would only add overhead.
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            created = env.createSession(onnx, options);
            String json = created.getMetadata().getCustomMetadata().get(ModelMetadata.KEY);
            if (json == null) {
                throw new ModelLoadException(source + " has no '" + ModelMetadata.KEY + "' metadata: it was not exported by model-training");
            }
            this.metadata = ModelMetadata.fromJson(json);
            this.vectorizer = new FeatureVectorizer(metadata.featureSpec(), metadata.inputColumns());
            NodeInfo input = created.getInputInfo().get(metadata.inputName());
            if (input == null) {
                throw new ModelLoadException(source + " has no input named '" + metadata.inputName() + "'");
            }
            long[] shape = ((TensorInfo) input.getInfo()).getShape();
            if (shape.length != 2 || shape[1] != vectorizer.width()) {
                throw new ModelLoadException(source + ": the ONNX input is " + java.util.Arrays.toString(shape)
                        + " but the metadata lists " + vectorizer.width() + " columns");
            }
            if (!created.getOutputNames().contains(metadata.probabilityOutput())) {
                throw new ModelLoadException(source + " has no output named '" + metadata.probabilityOutput() + "'");
            }
            this.positiveIndex = metadata.positiveIndex();
            this.session = created;
        } catch (OrtException e) {
            closeQuietly(created);
            throw new ModelLoadException(source + " cannot be opened by ONNX Runtime: " + e.getMessage(), e);
        } catch (IllegalArgumentException | IllegalStateException | FeatureSchemaMismatchException e) {
            closeQuietly(created);
            throw new ModelLoadException(source + ": " + e.getMessage(), e);
        } catch (ModelLoadException e) {
            closeQuietly(created);
            throw e;
        }
    }

    public ModelMetadata metadata() {
        return metadata;
    }

    public FeatureVectorizer vectorizer() {
        return vectorizer;
    }

    /**
     * Positive-class probabilities of {@code rows} input rows laid out one after another.
     *
     * @throws ScoringException when ONNX Runtime fails
     */
    public float[] positiveProbabilities(float[] rowsFlat, int rows) {
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(rowsFlat, 0, rows * vectorizer.width()),
                new long[] {rows, vectorizer.width()});
             OrtSession.Result result = session.run(Map.of(metadata.inputName(), tensor))) {
            OnnxValue value = result.get(metadata.probabilityOutput()).orElseThrow();
            float[][] probabilities = (float[][]) value.getValue();
            float[] out = new float[rows];
            for (int i = 0; i < rows; i++) {
                out[i] = probabilities[i][positiveIndex];
            }
            return out;
        } catch (OrtException e) {
            throw new ScoringException("model " + metadata.name() + " failed to score: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        closeQuietly(session);
    }

    private static void closeQuietly(OrtSession session) {
        if (session != null) {
            try {
                session.close();
            } catch (OrtException e) {
                // Closing happens at container shutdown; nothing useful is left to do with it.
            }
        }
    }
}
