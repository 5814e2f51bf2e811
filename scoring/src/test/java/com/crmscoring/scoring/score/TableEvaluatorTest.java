package com.crmscoring.scoring.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.onnxruntime.OrtEnvironment;
import com.crmscoring.scoring.value.LifetimeValueScorer;
import com.crmscoring.shared.features.FeatureSource;
import com.crmscoring.shared.model.ModelLoadException;
import com.crmscoring.shared.model.OnnxModel;
import com.crmscoring.shared.model.ServedModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The four personal models are scored in the JVM from the parameter tables their files carry
 * (TableEvaluator). Those tables must be the graph: over every real customer of the bundled shop
 * they give ONNX Runtime's output within the float32 bound derived from each row's arithmetic, and
 * the decisions a caller acts on (the nearest segment, the first offer) are the same. A file whose
 * tables were altered is refused at load.
 */
class TableEvaluatorTest {

    private static List<FeatureSource> customers;

    @BeforeAll
    static void load() throws IOException {
        assumeTrue(Files.exists(BundledShop.DATA), "the public data set is absent: " + BundledShop.DATA.toAbsolutePath());
        customers = BundledShop.customers();
    }

    @Test
    void thePersonalModelsAreScoredFromTheirTables_theAnomalyModelByOnnxRuntime() throws IOException {
        for (ServedModel served : List.of(ServedModel.CHURN, ServedModel.SEGMENTS, ServedModel.LIFETIME_VALUE, ServedModel.NEXT_BEST_OFFER)) {
            try (OnnxModel model = open(served, bytes(served))) {
                assertTrue(model.scoresFromTables(), served + " carries no tables for its whole output: " + model.metadata().algorithm());
            }
        }
        try (OnnxModel anomaly = open(ServedModel.FRAUD_ANOMALY, bytes(ServedModel.FRAUD_ANOMALY))) {
            assertFalse(anomaly.scoresFromTables());
        }
    }

    @Test
    void overEveryRealCustomerTheTablesGiveTheGraphsOutput_andTheSameDecisions() throws IOException {
        for (ServedModel served : List.of(ServedModel.CHURN, ServedModel.SEGMENTS, ServedModel.LIFETIME_VALUE, ServedModel.NEXT_BEST_OFFER)) {
            try (OnnxModel model = open(served, bytes(served))) {
                List<FeatureSource> inputs = customers.stream()
                        .map(c -> LifetimeValueScorer.modelInput(model.metadata().customerBase(), c)).toList();
                int n = inputs.size();
                float[] rows = model.batch(inputs);
                // Every value within its bound (throws with the row, column and bound otherwise).
                model.checkTables(rows, n);
                float[][] tables = model.outputs(rows, n);
                float[] graph = model.graphOutputs(rows, n);
                int columns = graph.length / n;
                int sameDecision = 0;
                for (int i = 0; i < n; i++) {
                    if (argmaxOrMin(tables[i], served) == argmaxOrMin(java.util.Arrays.copyOfRange(graph, i * columns, (i + 1) * columns), served)) {
                        sameDecision++;
                    }
                }
                // A tie closer than float32's last bit could flip a decision in principle; it never happens in this shop.
                assertEquals(n, sameDecision, served + ": " + (n - sameDecision) + " customers decided otherwise by the tables");
            }
        }
    }

    @Test
    void aFileWhoseTablesAreNotItsGraphIsRefusedAtLoad() throws IOException {
        record Tampered(ServedModel model, String key) {
        }
        for (Tampered t : List.of(new Tampered(ServedModel.CHURN, "weights"), new Tampered(ServedModel.SEGMENTS, "centroids"),
                new Tampered(ServedModel.LIFETIME_VALUE, "baseMargin"), new Tampered(ServedModel.NEXT_BEST_OFFER, "intercepts"))) {
            byte[] altered = alterFirstNumber(bytes(t.model()), t.key());
            ModelLoadException e = assertThrows(ModelLoadException.class, () -> open(t.model(), altered).close(), t.toString());
            assertTrue(e.getMessage().contains("not the same model"), e.getMessage());
        }
    }

    /** The nearest centroid of a clustering model, else the largest output (the first offer; churn's binary class). */
    private static int argmaxOrMin(float[] v, ServedModel served) {
        int best = 0;
        for (int k = 1; k < v.length; k++) {
            if (served == ServedModel.SEGMENTS ? v[k] < v[best] : v[k] > v[best]) {
                best = k;
            }
        }
        return best;
    }

    private static OnnxModel open(ServedModel served, byte[] bytes) {
        return new OnnxModel(OrtEnvironment.getEnvironment(), served.resource(), bytes);
    }

    private static byte[] bytes(ServedModel served) throws IOException {
        try (InputStream in = TableEvaluatorTest.class.getClassLoader().getResourceAsStream(served.resource())) {
            assertTrue(in != null, served.resource() + " is not on the test class path: build the models module");
            return in.readAllBytes();
        }
    }

    /**
     * The file with the first non-zero number under {@code "key":} in its metadata changed in its
     * leading digit. The text keeps its length, so the protobuf around it stays valid and ONNX
     * Runtime still opens the file: only the tables differ from the graph.
     */
    private static byte[] alterFirstNumber(byte[] onnx, String key) {
        String text = new String(onnx, StandardCharsets.ISO_8859_1); // one char per byte: offsets are byte offsets
        int at = text.indexOf("\"" + key + "\":");
        assertTrue(at >= 0, "no " + key + " in the metadata");
        Matcher number = Pattern.compile("-?\\d+\\.?\\d*(?:[eE][-+]?\\d+)?").matcher(text);
        int from = at + key.length() + 3;
        while (number.find(from)) {
            if (Double.parseDouble(number.group()) != 0) {
                break;
            }
            from = number.end();
        }
        int digit = number.start();
        while (text.charAt(digit) == '-' || text.charAt(digit) == '0' || text.charAt(digit) == '.') {
            digit++;
        }
        byte[] out = onnx.clone();
        out[digit] = (byte) (out[digit] == '9' ? '1' : out[digit] + 1);
        return out;
    }
}
