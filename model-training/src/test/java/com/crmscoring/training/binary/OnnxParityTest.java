package com.crmscoring.training.binary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import com.crmscoring.shared.features.FeatureSource;
import com.crmscoring.shared.features.FeatureVectorizer;
import com.crmscoring.shared.model.ModelMetadata;
import com.crmscoring.training.csv.CsvTraining;
import java.io.IOException;
import java.io.Reader;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Trains on the public Telco churn data the way {@code TrainCommand csv} does, then scores the
 * exported bytes in ONNX Runtime on our own, reading nothing but what a scorer has: the file and
 * the metadata inside it. The exporter's built-in parity check is not trusted here.
 */
class OnnxParityTest {

    private static final long SEED = 42L;
    private static final int FOLDS = 5;
    private static final double TOLERANCE = 1e-5;
    /** Published logistic regression on this data with 5-fold stratified CV: 0.84-0.845. */
    private static final double PUBLISHED_AUC_FLOOR = 0.84;

    private static Path telco;
    private static CsvTraining.Result result;
    private static List<FeatureSource> sampleRows;

    @BeforeAll
    static void train() throws IOException {
        telco = Path.of(System.getProperty("crm.data.dir", "../../shared/data"), "telco-customer-churn.csv");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(telco),
                "the public Telco churn data set is not at " + telco.toAbsolutePath());
        result = trainTelco();
        sampleRows = sample(telco);
    }

    /** As {@code TrainCommand} wires it for {@code csv --file telco... --target Churn --positive Yes}. */
    private static CsvTraining.Result trainTelco() throws IOException {
        BinaryTrainer trainer = new BinaryTrainer(BinaryFamilies.exportable(), FOLDS, SEED, line -> { });
        BinaryPipeline pipeline = new BinaryPipeline(trainer, SEED);
        return new CsvTraining(pipeline, line -> { })
                .train("telco-churn", telco, "Churn", "Yes", Set.of(), Set.of(), chosen -> List.of());
    }

    /** Every 20th customer plus every one with a blank TotalCharges, read straight from the file. */
    private static List<FeatureSource> sample(Path file) throws IOException {
        List<FeatureSource> rows = new ArrayList<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.parse(reader, format)) {
            int i = 0;
            for (CSVRecord record : parser) {
                Map<String, String> values = record.toMap();
                if (i++ % 20 == 0 || values.get("TotalCharges").isBlank()) {
                    rows.add(attribute -> {
                        String v = values.get(attribute);
                        return v == null || v.isBlank() ? null : v;
                    });
                }
            }
        }
        return rows;
    }

    private static ModelMetadata metadataOf(OrtSession session) throws Exception {
        String json = session.getMetadata().getCustomMetadata().get(ModelMetadata.KEY);
        assertNotNull(json, "the ONNX file carries no " + ModelMetadata.KEY + " entry");
        return ModelMetadata.fromJson(json);
    }

    @Test
    void onnxRuntime_reproducesTribuoProbabilitiesOnRowsReadFromTheCsv() throws Exception {
        TrainedBinaryModel trained = result.outcome().trained();
        double[] tribuo = BinaryTrainer.score(trained.model(), trained.spec(), sampleRows);

        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             OrtSession session = env.createSession(result.outcome().exported().onnx(), options)) {
            ModelMetadata metadata = metadataOf(session);
            FeatureVectorizer vectorizer = new FeatureVectorizer(metadata.featureSpec(), metadata.inputColumns());
            int width = vectorizer.width();
            float[] batch = new float[sampleRows.size() * width];
            for (int i = 0; i < sampleRows.size(); i++) {
                vectorizer.encodeInto(sampleRows.get(i), batch, i * width);
            }
            try (OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(batch), new long[] {sampleRows.size(), width});
                 OrtSession.Result output = session.run(Map.of(metadata.inputName(), input))) {
                float[][] probabilities = (float[][]) output.get(metadata.probabilityOutput()).orElseThrow().getValue();
                assertEquals(sampleRows.size(), probabilities.length);
                int positive = metadata.outputLabels().indexOf(BinaryTrainer.POSITIVE);
                assertTrue(positive >= 0, "no positive label among " + metadata.outputLabels());
                double worst = 0;
                int worstRow = -1;
                for (int i = 0; i < tribuo.length; i++) {
                    double diff = Math.abs(probabilities[i][positive] - tribuo[i]);
                    if (diff > worst) {
                        worst = diff;
                        worstRow = i;
                    }
                }
                assertTrue(worst <= TOLERANCE, "ONNX Runtime and Tribuo differ by " + worst + " on sampled row " + worstRow);
            }
        }
        assertTrue(sampleRows.size() >= 300, "a few hundred rows: " + sampleRows.size());
    }

    @Test
    void metadata_describesTheModelInput() throws Exception {
        TrainedBinaryModel trained = result.outcome().trained();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             OrtSession session = env.createSession(result.outcome().exported().onnx(), options)) {
            ModelMetadata metadata = metadataOf(session);

            assertEquals(BinaryTrainer.modelColumns(trained.model()), metadata.inputColumns(),
                    "the input columns must be Tribuo's feature order, not the specification's");
            long[] shape = ((TensorInfo) session.getInputInfo().get(metadata.inputName()).getInfo()).getShape();
            assertEquals(2, shape.length);
            assertEquals(metadata.inputColumns().size(), shape[1], "input tensor width");
            assertEquals(trained.spec(), metadata.featureSpec(), "the spec survives the JSON round trip");
            assertEquals(BinaryTrainer.POSITIVE, metadata.positiveLabel());
            assertEquals(result.outcome().exported().metadata(), metadata);
            assertTrue(session.getOutputNames().contains(metadata.probabilityOutput()));
        }
    }

    @Test
    void crossValidatedRocAuc_reachesThePublishedLogisticRegressionFigure() {
        CvResult chosen = result.outcome().trained().chosen();
        assertEquals(FOLDS, chosen.folds().size());
        assertTrue(chosen.meanRocAuc() >= PUBLISHED_AUC_FLOOR,
                chosen.candidate() + " has CV ROC AUC " + chosen.meanRocAuc() + ", below the published " + PUBLISHED_AUC_FLOOR);
        for (CvResult other : result.outcome().trained().cv()) {
            assertTrue(other.meanRocAuc() <= chosen.meanRocAuc(), "the chosen candidate must have the best CV ROC AUC");
        }
    }

    @Test
    void sameSeed_givesIdenticalOnnxBytes() throws IOException {
        CsvTraining.Result again = trainTelco();
        byte[] first = result.outcome().exported().onnx();
        byte[] second = again.outcome().exported().onnx();

        assertEquals(result.outcome().exported().metadata().version(), again.outcome().exported().metadata().version());
        OnnxMl.ModelProto a = OnnxMl.ModelProto.parseFrom(first);
        OnnxMl.ModelProto b = OnnxMl.ModelProto.parseFrom(second);
        assertEquals(a.getGraph(), b.getGraph(), "the graph (weights included) must not depend on the run");
        // Name the differing top-level fields: a byte offset alone does not say what leaked in.
        List<String> differing = new ArrayList<>();
        for (var field : OnnxMl.ModelProto.getDescriptor().getFields()) {
            if (!java.util.Objects.equals(a.getField(field), b.getField(field))) {
                differing.add(field.getName() + (field.getName().equals("doc_string") ? " (" + a.getDocString() + ")" : ""));
            }
        }
        assertEquals(List.of(), differing, "ModelProto fields that differ between two runs with seed " + SEED);
        assertArrayEquals(first, second);
    }
}
