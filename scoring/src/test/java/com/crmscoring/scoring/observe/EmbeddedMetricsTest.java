package com.crmscoring.scoring.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtEnvironment;
import com.crmscoring.scoring.model.OnnxModelTest;
import com.crmscoring.shared.model.ModelMetadata;
import com.crmscoring.shared.model.OnnxModel;
import com.crmscoring.testkit.EmbeddedMetricFormat;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The metrics documents parse as CloudWatch's embedded metric format, rule by rule
 * ({@link EmbeddedMetricFormat}), and say what was served: per invocation and per model version,
 * with counts that add up and no more values than the format allows.
 */
class EmbeddedMetricsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long NOW = 1_764_633_600_000L;
    private static OnnxModel churn;

    @BeforeAll
    static void load() throws Exception {
        churn = new OnnxModel(OrtEnvironment.getEnvironment(), "churn.onnx", OnnxModelTest.packagedChurnModel());
    }

    @AfterAll
    static void close() {
        churn.close();
    }

    @Test
    void anInvocationCountsOneCallAndAnErrorByItsCode() throws Exception {
        EmbeddedMetrics emf = new EmbeddedMetrics("CrmScoring/test");
        JsonNode ok = valid(emf.invocation("churn", InvocationLog.OK, 12.3456, NOW));
        JsonNode failed = valid(emf.invocation("churn", "INVALID_REQUEST", 1.5, NOW));

        assertEquals("CrmScoring/test", ok.at("/_aws/CloudWatchMetrics/0/Namespace").asText());
        assertEquals(NOW, ok.at("/_aws/Timestamp").asLong());
        assertEquals("[[],[\"Function\"],[\"Function\",\"Outcome\"],[\"Outcome\"]]", ok.at("/_aws/CloudWatchMetrics/0/Dimensions").toString());
        assertEquals(1, ok.path("Invocations").asInt());
        assertEquals(0, ok.path("Errors").asInt());
        assertEquals(12.346, ok.path("Latency").asDouble());
        assertEquals("INVALID_REQUEST", failed.path("Outcome").asText());
        assertEquals(1, failed.path("Errors").asInt());
    }

    @Test
    void scoresAreCountedPerModelVersionInFixedBucketsAndDrainedOnce() throws Exception {
        ScoreMetrics metrics = new ScoreMetrics();
        ModelMetadata m = churn.metadata();
        int attributes = churn.vectorizer().groups().size();
        // A batch of 150: more scores than one document may carry as values.
        for (int i = 0; i < 150; i++) {
            double p = i / 150.0;
            metrics.scored(m, ScoreMetrics.PROBABILITY, p, List.of(p >= 0.5 ? "Band.high" : "Band.low"), i % 2, attributes);
        }
        metrics.optedOut(m, ScoreMetrics.PROBABILITY);
        List<ScoreMetrics.Tally> drained = metrics.drain();
        assertTrue(metrics.drain().isEmpty(), "a drain starts afresh");

        List<String> documents = new EmbeddedMetrics(null).documents("profileScore", InvocationLog.OK, 3.0, drained, NOW);
        assertEquals(2, documents.size(), "the invocation's and one per model version");
        JsonNode scores = valid(documents.get(1));
        assertEquals(EmbeddedMetrics.DEFAULT_NAMESPACE, scores.at("/_aws/CloudWatchMetrics/0/Namespace").asText());
        assertEquals(m.name(), scores.path("Model").asText());
        assertEquals(m.version(), scores.path("Version").asText());
        assertEquals(150, scores.path("Scored").asInt());
        assertEquals(1, scores.path("OptedOut").asInt());
        assertEquals(ScoreMetrics.MAX_VALUES, scores.path("Score").size());
        long inBuckets = 0;
        for (String bucket : ScoreMetrics.PROBABILITY.names()) {
            assertEquals(15, scores.path(bucket).asLong(), bucket + " holds a tenth of evenly spread scores");
            inBuckets += scores.path(bucket).asLong();
        }
        assertEquals(150, inBuckets, "every score is in exactly one bucket, also beyond the values carried");
        assertEquals(75, scores.path("Band.high").asInt());
        assertEquals(75, scores.path("Band.low").asInt());
        assertEquals(100.0 * 75 / (150.0 * attributes), scores.path("DefaultedShare").asDouble(), 0.01);
    }

    @Test
    void bucketNamesAreFixedAndEdgesBelongToTheBucketAbove() {
        assertEquals(List.of("ScoreBucket.lt50", "ScoreBucket.50to100", "ScoreBucket.100to250", "ScoreBucket.250to500",
                "ScoreBucket.500to1000", "ScoreBucket.1000to2500", "ScoreBucket.2500to5000", "ScoreBucket.5000to10000",
                "ScoreBucket.ge10000"), ScoreMetrics.SPEND.names());
        assertEquals(0, ScoreMetrics.PROBABILITY.indexOf(0.0));
        assertEquals(1, ScoreMetrics.PROBABILITY.indexOf(0.1));
        assertEquals(9, ScoreMetrics.PROBABILITY.indexOf(1.0));
        assertTrue(ScoreMetrics.NO_BUCKETS.names().isEmpty());
    }

    @Test
    void theFormatCheckRefusesWhatCloudWatchWouldDrop() throws Exception {
        String good = new EmbeddedMetrics(null).invocation("churn", InvocationLog.OK, 1.0, NOW);
        assertTrue(problems(good).isEmpty());
        List<String> broken = new ArrayList<>();
        broken.add(good.replace("\"Unit\":\"Milliseconds\"", "\"Unit\":\"ms\""));
        broken.add(good.replace("\"Function\":\"churn\"", "\"Function\":7"));
        broken.add(good.replace("\"Invocations\":1", "\"Invocations\":\"1\""));
        broken.add(good.replace("\"Timestamp\":" + NOW, "\"Timestamp\":\"now\""));
        ObjectNode tooMany = (ObjectNode) JSON.readTree(good);
        var values = tooMany.putArray("Latency");
        for (int i = 0; i < 101; i++) {
            values.add(i);
        }
        broken.add(JSON.writeValueAsString(tooMany));
        for (String doc : broken) {
            assertFalse(problems(doc).isEmpty(), "refused: " + doc);
        }
    }

    private static JsonNode valid(String document) throws Exception {
        List<String> problems = problems(document);
        assertTrue(problems.isEmpty(), problems + " in " + document);
        return JSON.readTree(document);
    }

    private static List<String> problems(String document) throws Exception {
        JsonNode node = JSON.readTree(document);
        assertTrue(EmbeddedMetricFormat.isDocument(node));
        return EmbeddedMetricFormat.problems(node, document);
    }
}
