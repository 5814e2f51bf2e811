package com.crmscoring.shared.model;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import com.crmscoring.shared.features.FeatureSchemaMismatchException;
import com.crmscoring.shared.features.FeatureVectorizer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * One ONNX model with its metadata: one session per container, created once and shared by all
 * invocations (an {@link OrtSession} is thread-safe for {@code run}).
 *
 * <p>Training proves parity through this same class, so a model that passes parity is one the
 * service can load.
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
    /** Output column read as "the score": the positive class of a binary model, else column 0. */
    private final int scoreIndex;
    /** Only the output scoring reads: ONNX Runtime then skips building the others (labels, maps). */
    private final Set<String> requestedOutputs;
    /**
     * A direct input buffer per thread, grown as needed and reused: a tensor over a direct buffer is
     * handed to ONNX Runtime without a copy, where a heap array costs a fresh direct allocation
     * and a copy on every run.
     */
    private final ThreadLocal<FloatBuffer> inputBuffer = new ThreadLocal<>();

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
            this.scoreIndex = metadata.positiveLabel() == null ? 0 : metadata.positiveIndex();
            this.requestedOutputs = Set.of(metadata.probabilityOutput());
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
     * The score of each of {@code rows} input rows laid out one after another: the positive-class
     * probability of a binary model, the prediction of a regression, the anomaly score of an
     * anomaly model.
     *
     * @throws ScoringException when ONNX Runtime fails
     */
    public float[] scores(float[] rowsFlat, int rows) {
        if (rows == 0) {
            return new float[0]; // every profile of the batch opted out: nothing to run
        }
        float[] flat = run(rowsFlat, rows);
        int columns = flat.length / rows;
        float[] out = new float[rows];
        for (int i = 0; i < rows; i++) {
            out[i] = flat[i * columns + scoreIndex];
        }
        return out;
    }

    /**
     * Every column of the model's main output for each row: class probabilities in
     * {@code metadata().outputLabels()} order, or a clustering model's distances.
     *
     * @throws ScoringException when ONNX Runtime fails
     */
    public float[][] outputs(float[] rowsFlat, int rows) {
        if (rows == 0) {
            return new float[0][];
        }
        float[] flat = run(rowsFlat, rows);
        int columns = flat.length / rows;
        float[][] out = new float[rows][];
        for (int i = 0; i < rows; i++) {
            out[i] = Arrays.copyOfRange(flat, i * columns, (i + 1) * columns);
        }
        return out;
    }

    /** One ONNX run: the main output of every row, laid out one row after another. */
    private float[] run(float[] rowsFlat, int rows) {
        int width = vectorizer.width();
        int length = rows * width;
        FloatBuffer input = inputBuffer.get();
        if (input == null || input.capacity() < length) {
            input = ByteBuffer.allocateDirect(Math.max(length, 64 * width) * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
            inputBuffer.set(input);
        }
        input.clear();
        input.put(rowsFlat, 0, length).flip();
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, input, new long[] {rows, width});
             OrtSession.Result result = session.run(Map.of(metadata.inputName(), tensor), requestedOutputs)) {
            OnnxValue value = result.get(metadata.probabilityOutput()).orElseThrow();
            FloatBuffer output = ((OnnxTensor) value).getFloatBuffer();
            float[] out = new float[output.remaining()];
            output.get(out);
            return out;
        } catch (OrtException e) {
            throw new ScoringException("model " + metadata.name() + " failed to score: " + e.getMessage(), e);
        }
    }

    /** Vectorizes every source into one flat batch, in the model's column order. */
    public float[] batch(java.util.List<? extends com.crmscoring.shared.features.FeatureSource> sources) {
        return batch(sources, null);
    }

    /**
     * The same, adding to {@code defaulted} (when not null) each source's attributes that were
     * missing and took their documented default, in source order.
     */
    public float[] batch(java.util.List<? extends com.crmscoring.shared.features.FeatureSource> sources,
                         java.util.List<java.util.List<String>> defaulted) {
        int w = vectorizer.width();
        float[] flat = new float[sources.size() * w];
        for (int i = 0; i < sources.size(); i++) {
            java.util.List<String> missing = vectorizer.encodeInto(sources.get(i), flat, i * w);
            if (defaulted != null) {
                defaulted.add(missing);
            }
        }
        return flat;
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
