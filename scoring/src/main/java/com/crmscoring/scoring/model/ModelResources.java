package com.crmscoring.scoring.model;

import ai.onnxruntime.OrtEnvironment;
import com.crmscoring.shared.model.ModelLoadException;
import com.crmscoring.shared.model.OnnxModel;
import java.io.IOException;
import java.io.InputStream;

/** Opens models packaged on the class path (the crm-models jar that ships with the function). */
public final class ModelResources {

    // System.Logger: this library is used outside Quarkus too (benchmarks); Quarkus routes it to its log.
    private static final System.Logger LOG = System.getLogger(ModelResources.class.getName());

    private ModelResources() {
    }

    /**
     * @param resource class-path location, e.g. {@code models/churn.onnx}
     * @throws ModelLoadException when the resource is absent or not a usable model
     */
    public static OnnxModel load(OrtEnvironment env, String resource) {
        long start = System.nanoTime();
        byte[] bytes;
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new ModelLoadException("model resource " + resource + " is not on the class path");
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new ModelLoadException("model resource " + resource + " cannot be read", e);
        }
        OnnxModel model = new OnnxModel(env, resource, bytes);
        LOG.log(System.Logger.Level.INFO, () -> String.format("loaded model %s %s from %s: %d input columns, %d bytes, in %d ms", model.metadata().name(),
                model.metadata().version(), resource, model.vectorizer().width(), bytes.length,
                (System.nanoTime() - start) / 1_000_000));
        return model;
    }
}
