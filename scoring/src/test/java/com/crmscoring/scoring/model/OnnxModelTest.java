package com.crmscoring.scoring.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtEnvironment;
import com.crmscoring.shared.model.ModelLoadException;
import com.crmscoring.shared.model.ModelMetadata;
import com.crmscoring.shared.model.OnnxModel;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The packaged churn model, opened by the shared loader as a container opens it, without Quarkus. */
public class OnnxModelTest {

    public static byte[] packagedChurnModel() throws IOException {
        try (InputStream in = OnnxModelTest.class.getClassLoader().getResourceAsStream("models/churn.onnx")) {
            if (in == null) {
                throw new IllegalStateException("models/churn.onnx is not on the test class path: build the models module");
            }
            return in.readAllBytes();
        }
    }

    @Test
    void opensThePackagedModel_andTakesItsColumnOrderFromTheMetadata() throws IOException {
        try (OnnxModel model = new OnnxModel(OrtEnvironment.getEnvironment(), "churn.onnx", packagedChurnModel())) {
            ModelMetadata m = model.metadata();
            assertEquals("churn", m.name());
            assertEquals(m.inputColumns(), model.vectorizer().columns());
            // Tribuo numbers features by sorted name: the metadata must say so, not declaration order.
            assertEquals(m.inputColumns().stream().sorted().toList(), m.inputColumns());
            assertTrue(m.thresholds().containsKey("band.high"));
            assertTrue(m.metrics().get("cv.rocAuc") > 0.7, "cross-validated AUC is recorded: " + m.metrics());
        }
    }

    @Test
    void scoresABatchInOneRun() throws IOException {
        try (OnnxModel model = new OnnxModel(OrtEnvironment.getEnvironment(), "churn.onnx", packagedChurnModel())) {
            int width = model.vectorizer().width();
            float[] rows = new float[3 * width];
            Arrays.fill(rows, width, 2 * width, 2f);
            Arrays.fill(rows, 2 * width, 3 * width, -2f);
            float[] p = model.scores(rows, 3);
            assertEquals(3, p.length);
            for (float v : p) {
                assertTrue(v > 0 && v < 1, "a probability: " + v);
            }
            assertTrue(p[1] != p[2], "different rows, different scores");
        }
    }

    /** The input buffer is reused per thread and grown on demand: no run may see another's rows. */
    @Test
    void reusedInputBuffersNeverLeakRowsBetweenRuns() throws IOException {
        try (OnnxModel model = new OnnxModel(OrtEnvironment.getEnvironment(), "churn.onnx", packagedChurnModel())) {
            int width = model.vectorizer().width();
            float[] big = new float[500 * width];
            for (int i = 0; i < big.length; i++) {
                big[i] = (i % 7) - 3f;
            }
            float[] all = model.scores(big, 500);
            float[] low = new float[width];
            Arrays.fill(low, -2f);
            float lowAlone = model.scores(low, 1)[0];
            // After a large run, a one-row run sees only its row; after it, the large run is unchanged.
            assertEquals(lowAlone, model.scores(low, 1)[0]);
            float[] again = model.scores(big, 500);
            assertTrue(Arrays.equals(all, again), "the same rows give the same scores");
            assertEquals(all[7], model.scores(Arrays.copyOfRange(big, 7 * width, 8 * width), 1)[0], 1e-6);
            assertEquals(0, model.scores(new float[0], 0).length, "an empty batch runs nothing");
        }
    }

    @Test
    void refusesBytesThatAreNotAModel() {
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> new OnnxModel(OrtEnvironment.getEnvironment(), "junk.onnx", new byte[] {1, 2, 3, 4}));
        assertTrue(e.getMessage().startsWith("junk.onnx"), e.getMessage());
    }
}
