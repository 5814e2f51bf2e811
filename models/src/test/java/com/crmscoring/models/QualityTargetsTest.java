package com.crmscoring.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtEnvironment;
import com.crmscoring.shared.model.ModelMetadata;
import com.crmscoring.shared.model.OnnxModel;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * The quality targets, checked on the model cards this build packages (so a regression fails
 * the build without training anything twice). Targets and published references: issue #3 and
 * shared/data/README.md, all with 5-fold stratified cross-validation.
 */
class QualityTargetsTest {

    private static JsonNode card(String name) throws IOException {
        try (InputStream in = QualityTargetsTest.class.getClassLoader().getResourceAsStream("models/" + name + ".card.json")) {
            if (in == null) {
                throw new IllegalStateException("models/" + name + ".card.json was not built");
            }
            return new ObjectMapper().readTree(in);
        }
    }

    /** The chosen candidate's cross-validated figures. */
    private static JsonNode chosen(JsonNode card) {
        for (JsonNode c : card.get("candidates")) {
            if (c.get("name").asText().equals(card.get("chosen").asText())) {
                return c.get("metrics");
            }
        }
        throw new IllegalStateException("the chosen candidate is not among the candidates");
    }

    @Test
    void telcoChurn_rocAucAtLeast0845() throws IOException {
        assertTrue(chosen(card("telco-churn")).get("rocAuc").asDouble() >= 0.845);
    }

    @Test
    void bankMarketingWithoutDuration_rocAucAtLeast080() throws IOException {
        JsonNode card = card("bank-offer");
        assertTrue(chosen(card).get("rocAuc").asDouble() >= 0.80);
        assertTrue(card.get("trainedOn").asText().contains("bank-marketing-full.csv"));
    }

    @Test
    void creditCardFraud_averagePrecisionAtLeast098() throws IOException {
        JsonNode card = card("fraud-supervised");
        assertTrue(card.get("evaluation").asText().endsWith("chosen by mean average precision"));
        assertTrue(chosen(card).get("averagePrecision").asDouble() >= 0.98);
    }

    /** Issue #9: every card states its parity margin, and every model but the continuous forecast a decision check. */
    @Test
    void everyCardStatesItsParityMarginAndDecisionCheck() throws IOException {
        for (String name : new String[] {"churn", "telco-churn", "fraud-supervised", "bank-offer", "segments", "lifetime-value",
                "fraud-anomaly", "next-best-offer"}) {
            JsonNode parity = card(name).get("parity");
            assertTrue(parity.get("rows").asInt() > 1_000, name + " parity rows: " + parity);
            double margin = parity.get("margin").asDouble();
            assertTrue(margin > 0 && margin <= 1, name + " parity margin " + margin);
            if (!name.equals("lifetime-value")) {
                assertTrue(parity.get("decisionsCompared").asInt() > 0.9 * parity.get("rows").asInt(), name + ": " + parity);
                assertEquals(0, parity.get("decisionMismatches").asInt(), name);
            }
        }
    }

    @Test
    void segmentsAreNamedAndCarryLifecycleRules() throws IOException {
        byte[] onnx;
        try (InputStream in = QualityTargetsTest.class.getClassLoader().getResourceAsStream("models/segments.onnx")) {
            onnx = in.readAllBytes();
        }
        try (OnnxModel model = new OnnxModel(OrtEnvironment.getEnvironment(), "segments.onnx", onnx)) {
            ModelMetadata metadata = model.metadata();
            assertEquals(metadata.metrics().get("k").intValue(), metadata.segments().size());
            assertEquals(metadata.segments().size(), card("segments").get("metrics").get("k").asInt());
            assertTrue(metadata.lifecycle().terminationRecencyDays() > 0);
        }
    }
}
