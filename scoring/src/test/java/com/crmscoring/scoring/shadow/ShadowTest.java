package com.crmscoring.scoring.shadow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.onnxruntime.OrtEnvironment;
import com.crmscoring.scoring.churn.ChurnScore;
import com.crmscoring.scoring.config.ScoringFactory;
import com.crmscoring.scoring.observe.EmbeddedMetrics;
import com.crmscoring.scoring.observe.ScoreMetrics;
import com.crmscoring.scoring.score.CustomerFeatures;
import com.crmscoring.shared.aggregates.CustomerHistory;
import com.crmscoring.shared.domain.Order;
import com.crmscoring.shared.model.ServedModel;
import com.crmscoring.shared.offers.OfferCatalogue;
import com.crmscoring.shared.retail.OnlineRetailReader;
import com.crmscoring.testkit.DynamoDbLocalResource;
import com.crmscoring.testkit.EmbeddedMetricFormat;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A challenger in shadow with two real versions of the churn model: today's, and the same recipe
 * fitted one quarter earlier (models/challengers/churn.onnx, built with the models). The live
 * answers are exactly those without a challenger; the challenger scores its share of requests in
 * the background and its agreement goes to the metrics; promotion is a setting.
 */
class ShadowTest {

    static final String CHALLENGER = "models/challengers/churn.onnx";
    private static final Instant END_OF_DATA = Instant.parse("2011-12-10T00:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static List<CustomerFeatures> customers;
    private static List<Order> orders;

    @BeforeAll
    static void describe() throws Exception {
        assumeTrue(DynamoDbLocalResource.realDataPresent(), "the public Online Retail data is absent");
        Map<String, List<Order>> byCustomer = new LinkedHashMap<>();
        orders = new OnlineRetailReader().read(DynamoDbLocalResource.DATA).orders();
        for (Order o : orders) {
            byCustomer.computeIfAbsent(o.customerId(), k -> new ArrayList<>()).add(o);
        }
        OfferCatalogue catalogue = OfferCatalogue.loadDefault();
        try (ScoringFactory plain = factory(ScoringFactory.Settings.defaults())) {
            customers = byCustomer.entrySet().stream().map(e -> plain.features().describe(e.getKey(), false,
                    CustomerHistory.of(e.getValue(), END_OF_DATA, catalogue), END_OF_DATA)).toList();
        }
    }

    private static ScoringFactory factory(ScoringFactory.Settings settings) {
        return new ScoringFactory(id -> Optional.empty(), null, null, OrtEnvironment::getEnvironment, settings);
    }

    @Test
    void theChallengerScoresEveryRequestBesideTheLiveModelAndNeverAnswers() throws Exception {
        List<ChurnScore> alone;
        try (ScoringFactory plain = factory(ScoringFactory.Settings.defaults())) {
            alone = plain.churn().scoreAll(customers);
        }
        try (ScoringFactory shadowed = factory(ScoringFactory.Settings.defaults()
                .withChallenger(ServedModel.CHURN, new ScoringFactory.Challenger(CHALLENGER, 1.0)))) {
            String live = shadowed.churn().metadata().version();
            String challenger = shadowed.churn().shadow().challenger().version();
            assertNotEquals(live, challenger, "two versions of one model");
            List<ChurnScore> answered = new ArrayList<>();
            for (int from = 0; from < customers.size(); from += 50) {
                answered.addAll(shadowed.churn().scoreAll(customers.subList(from, Math.min(customers.size(), from + 50))));
                // One request at a time, as Lambda serves them: the queue is never full.
                assertTrue(shadowed.awaitShadows(Duration.ofSeconds(30)));
            }
            assertEquals(alone, answered, "the live answers are exactly those without a challenger");

            Map<String, ScoreMetrics.Tally> byVersion = new LinkedHashMap<>();
            shadowed.scoreMetrics().drain().forEach(t -> byVersion.put(t.version(), t));
            ScoreMetrics.Tally theirs = byVersion.get(challenger);
            assertEquals(customers.size(), byVersion.get(live).scored());
            assertEquals(customers.size(), theirs.scored(), "the challenger's own score distribution, under its version");
            assertEquals(customers.size(), theirs.shadowCompared());
            assertEquals(0, theirs.shadowDropped() + theirs.shadowFailed());
            double agreement = (double) theirs.shadowAgreed() / theirs.shadowCompared();
            // A quarter's difference in training data: mostly the same band, not always.
            assertTrue(agreement > 0.5 && agreement < 1.0, "band agreement " + agreement);
            assertTrue(theirs.shadowDifferences().length == ScoreMetrics.MAX_VALUES
                    && Arrays.stream(theirs.shadowDifferences()).allMatch(d -> d >= 0 && d <= 1));

            String document = new EmbeddedMetrics(null).documents("churn", "ok", 1, List.of(theirs), 1L).get(1);
            JsonNode doc = JSON.readTree(document);
            assertEquals(List.of(), EmbeddedMetricFormat.problems(doc, document));
            assertEquals(challenger, doc.path(EmbeddedMetrics.VERSION).asText());
            assertEquals(theirs.shadowAgreed(), doc.path(EmbeddedMetrics.SHADOW_AGREED).asLong());
            System.out.printf("shadow: churn %s live, %s challenger: %d compared, band agreement %.3f%n", live, challenger,
                    theirs.shadowCompared(), agreement);
        }
    }

    @Test
    void itScoresItsShareOfRequests() {
        try (ScoringFactory shadowed = factory(ScoringFactory.Settings.defaults()
                .withChallenger(ServedModel.CHURN, new ScoringFactory.Challenger(CHALLENGER, 0.1)))) {
            int requests = 2000;
            for (int i = 0; i < requests; i++) {
                shadowed.churn().scoreAll(List.of(customers.get(i % customers.size())));
                if (i % 50 == 0) {
                    assertTrue(shadowed.awaitShadows(Duration.ofSeconds(30)));
                }
            }
            assertTrue(shadowed.awaitShadows(Duration.ofSeconds(30)));
            String challenger = shadowed.churn().shadow().challenger().version();
            ScoreMetrics.Tally theirs = shadowed.scoreMetrics().drain().stream().filter(t -> t.version().equals(challenger))
                    .findFirst().orElseThrow();
            // Binomial(2000, 0.1): mean 200, standard deviation 13.4; five of them either side.
            long sampled = theirs.shadowCompared() + theirs.shadowDropped();
            assertTrue(sampled >= 133 && sampled <= 267, sampled + " of " + requests + " requests at a 10 % share");
        }
    }

    @Test
    void fraudScreeningCanBeShadowedToo() {
        // No second fraud version is trained: the live file as its own challenger, which must agree
        // with itself on every decision, to the last bit of the score.
        try (ScoringFactory shadowed = factory(ScoringFactory.Settings.defaults()
                .withChallenger(ServedModel.FRAUD_ANOMALY, new ScoringFactory.Challenger(ServedModel.FRAUD_ANOMALY.resource(), 1.0)))) {
            List<Order> firstOrders = orders.stream().filter(o -> !o.cancellation()).limit(200).toList();
            for (Order o : firstOrders) {
                shadowed.fraud().screen(o, null);
                assertTrue(shadowed.awaitShadows(Duration.ofSeconds(30)));
            }
            ScoreMetrics.Tally fraud = shadowed.scoreMetrics().drain().get(0);
            assertEquals(ServedModel.FRAUD_ANOMALY.modelName(), fraud.model());
            assertEquals(2L * firstOrders.size(), fraud.scored(), "live and challenger, one version: counted together");
            assertEquals(firstOrders.size(), fraud.shadowCompared());
            assertEquals(firstOrders.size(), fraud.shadowAgreed());
            assertTrue(Arrays.stream(fraud.shadowDifferences()).allMatch(d -> d == 0));
        }
    }

    @Test
    void promotionIsASetting() {
        String challenger;
        try (ScoringFactory shadowed = factory(ScoringFactory.Settings.defaults()
                .withChallenger(ServedModel.CHURN, new ScoringFactory.Challenger(CHALLENGER, 0.1)))) {
            challenger = shadowed.churn().shadow().challenger().version();
        }
        try (ScoringFactory promoted = factory(ScoringFactory.Settings.defaults().withLiveModel(ServedModel.CHURN, CHALLENGER))) {
            assertEquals(challenger, promoted.churn().metadata().version());
            assertEquals(null, promoted.churn().shadow());
        }
    }

    @Test
    void aModelIsChallengedOnlyByAVersionOfItself() {
        try (ScoringFactory wrong = factory(ScoringFactory.Settings.defaults()
                .withChallenger(ServedModel.CHURN, new ScoringFactory.Challenger(ServedModel.SEGMENTS.resource(), 0.1)))) {
            assertThrows(IllegalArgumentException.class, wrong::churn);
        }
        assertThrows(IllegalArgumentException.class, () -> new ScoringFactory.Challenger(CHALLENGER, 1.5));
    }
}
