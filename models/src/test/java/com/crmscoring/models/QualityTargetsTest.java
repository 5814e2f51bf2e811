package com.crmscoring.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    private static JsonNode chosen(JsonNode card) {
        for (JsonNode c : card.get("candidates")) {
            if (c.get("name").asText().equals(card.get("chosen").asText())) {
                return c;
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

    @Test
    void everyBinaryModelPassedParity() throws IOException {
        for (String name : new String[] {"churn", "telco-churn", "fraud-supervised", "bank-offer"}) {
            double difference = card(name).get("extra").get("parity: largest probability difference").asDouble();
            assertTrue(difference <= 1e-5, name + ": " + difference);
        }
    }

    @Test
    void segmentsAreNamedAndCarryLifecycleRules() throws IOException {
        JsonNode metadata = card("segments").get("metadata");
        assertEquals(metadata.get("metrics").get("k").asInt(), metadata.get("segments").size());
        assertTrue(metadata.get("lifecycle").get("terminationRecencyDays").asDouble() > 0);
    }
}
