package com.crmscoring.training.fraud;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OrderAnomalyTrainingTest {

    private static final Path DATA = Path.of(System.getProperty("crm.data.dir", "../../shared/data"), "online-retail.csv.gz");
    private static OrderAnomalyTraining.Result result;

    @BeforeAll
    static void train() throws Exception {
        assumeTrue(Files.exists(DATA), "the public Online Retail data is absent: " + DATA.toAbsolutePath());
        result = new OrderAnomalyTraining(42, line -> { }).train(DATA);
    }

    @Test
    void graphComputesTheSvmDecisionByHand() throws Exception {
        // Two support vectors, hand-checkable: rho - sum alpha exp(-gamma |x - sv|^2).
        float[][] sv = {{0, 0}, {1, 1}};
        float[] alphas = {0.6f, 0.4f};
        byte[] onnx = OneClassSvmOnnx.export(sv, alphas, 0.3f, 0.5f, "test").toByteArray();
        float[] x = {0, 0, 2, 0};
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession s = env.createSession(onnx, new OrtSession.SessionOptions());
             OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] {2, 2});
             OrtSession.Result r = s.run(Map.of(OneClassSvmOnnx.INPUT, t))) {
            float[][] out = (float[][]) r.get(OneClassSvmOnnx.OUTPUT).orElseThrow().getValue();
            double first = 0.3 - (0.6 * Math.exp(0) + 0.4 * Math.exp(-0.5 * 2));
            double second = 0.3 - (0.6 * Math.exp(-0.5 * 4) + 0.4 * Math.exp(-0.5 * 2));
            assertArrayEquals(new float[] {(float) first, (float) second}, new float[] {out[0][0], out[1][0]}, 1e-6f);
            assertEquals(first, OrderAnomalyTraining.anomaly(new float[] {0, 0}, sv, alphas, 0.3f, 0.5f), 1e-6);
        }
    }

    @Test
    void thresholdsHoldTheirAlertRatesOnOrdersTheSvmNeverSaw() {
        double review = result.metadata().thresholds().get("anomaly.review");
        double decline = result.metadata().thresholds().get("anomaly.decline");
        assertTrue(decline > review);
        assertTrue(result.heldOutReviewRate() > 0.01 && result.heldOutReviewRate() < 0.04,
                "held-out review rate " + result.heldOutReviewRate() + " for a 2 % target");
        // Parity compared every purchase order's fraud decision, not only the scores.
        assertEquals("fraud decision", result.exported().parity().decision());
        assertEquals(result.orders(), result.exported().parity().decisionsCompared() + result.exported().parity().borderline());
    }

    @Test
    void anOrderFromANewCountryAtNightIsFlagged() {
        assertTrue(result.syntheticRecall().get("newCountryAt3am") > 0.9, result.syntheticRecall().toString());
    }
}
