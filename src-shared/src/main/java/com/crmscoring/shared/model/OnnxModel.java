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
 *
 * <p>Linear models, single-output tree ensembles and clustering models are scored in the JVM from
 * the parameter tables their metadata carries, after construction has checked on probe rows that
 * the tables give the graph's output ({@link TableEvaluator}, which says why); every other family
 * by ONNX Runtime. {@link #graphOutputs} always asks ONNX Runtime.
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
     * The main output computed in the JVM from the metadata's parameter tables, checked against the
     * graph on construction; null for the families ONNX Runtime scores ({@link TableEvaluator}).
     */
    private final TableEvaluator tables;

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
            this.tables = TableEvaluator.of(metadata, vectorizer.width());
            if (tables != null) {
                checkTables(tables.probeRows(TableEvaluator.PROBE_ROWS), TableEvaluator.PROBE_ROWS);
            }
        } catch (OrtException e) {
            closeQuietly(created);
            throw new ModelLoadException(source + " cannot be opened by ONNX Runtime: " + e.getMessage(), e);
        } catch (ScoringException e) {
            closeQuietly(created);
            throw new ModelLoadException(source + ": " + e.getMessage(), e);
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
        return scoreColumn(mainOutput(rowsFlat, rows), rows);
    }

    /** The same scores through ONNX Runtime, whatever the family (see {@link #graphOutputs}). */
    public float[] graphScores(float[] rowsFlat, int rows) {
        return rows == 0 ? new float[0] : scoreColumn(run(rowsFlat, rows), rows);
    }

    private float[] scoreColumn(float[] flat, int rows) {
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
        float[] flat = mainOutput(rowsFlat, rows);
        int columns = flat.length / rows;
        float[][] out = new float[rows][];
        for (int i = 0; i < rows; i++) {
            out[i] = Arrays.copyOfRange(flat, i * columns, (i + 1) * columns);
        }
        return out;
    }

    /** Whether this model's scores are computed in the JVM from its parameter tables rather than by ONNX Runtime. */
    public boolean scoresFromTables() {
        return tables != null;
    }

    /**
     * The graph's main output through ONNX Runtime, whatever the family, one row after another:
     * for the export's parity gate and for measuring ONNX Runtime itself.
     *
     * @throws ScoringException when ONNX Runtime fails
     */
    public float[] graphOutputs(float[] rowsFlat, int rows) {
        return rows == 0 ? new float[0] : run(rowsFlat, rows);
    }

    /**
     * Checks that the parameter tables give the graph's output for these rows within float32's
     * bound (no-op for a model without tables).
     *
     * @throws ScoringException when they do not: the file's metadata and graph are not the same model
     */
    public void checkTables(float[] rowsFlat, int rows) {
        if (tables == null || rows == 0) {
            return;
        }
        String difference = tables.check(rowsFlat, rows, run(rowsFlat, rows));
        if (difference != null) {
            throw new ScoringException("model " + metadata.name() + ": " + difference + ", so the metadata and the graph are not"
                    + " the same model");
        }
    }

    /** The main output of every row, from the tables when the model has them, else from one ONNX run. */
    private float[] mainOutput(float[] rowsFlat, int rows) {
        return tables != null ? tables.outputs(rowsFlat, rows) : run(rowsFlat, rows);
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
