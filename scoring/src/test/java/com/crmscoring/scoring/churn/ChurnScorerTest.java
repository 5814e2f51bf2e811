package com.crmscoring.scoring.churn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtEnvironment;
import com.crmscoring.scoring.model.OnnxModelTest;
import com.crmscoring.scoring.profile.ProfileRepository;
import com.crmscoring.scoring.profile.StoredProfile;
import com.crmscoring.scoring.score.InvalidRequestException;
import com.crmscoring.scoring.score.ProfileNotFoundException;
import com.crmscoring.scoring.score.Reason;
import com.crmscoring.shared.aggregates.OrderAggregator;
import com.crmscoring.shared.aggregates.ProfileBuilder;
import com.crmscoring.shared.domain.CustomerProfile;
import com.crmscoring.shared.domain.Order;
import com.crmscoring.shared.domain.OrderLine;
import com.crmscoring.shared.model.OnnxModel;
import com.crmscoring.shared.features.ProfileFeatureSource;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The scorer's logic with the real model and an in-memory repository (DynamoDB is covered by ChurnFunctionTest). */
class ChurnScorerTest {

    private static final Instant AS_OF = Instant.parse("2011-12-10T00:00:00Z");
    private static OnnxModel model;
    private static final Map<String, StoredProfile> PROFILES = new HashMap<>();
    private static final ProfileRepository REPOSITORY = id -> Optional.ofNullable(PROFILES.get(id));

    @BeforeAll
    static void load() throws IOException {
        model = new OnnxModel(OrtEnvironment.getEnvironment(), "churn.onnx", OnnxModelTest.packagedChurnModel());
        put(profile("loyal", 40, 5));      // 40 orders, last one 5 days ago
        put(profile("lapsed", 1, 250));    // one order, 250 days ago
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static CustomerProfile profile(String id, int orders, int lastOrderDaysAgo) {
        List<Order> history = new java.util.ArrayList<>();
        for (int i = 0; i < orders; i++) {
            Instant at = AS_OF.minusSeconds(86_400L * (lastOrderDaysAgo + 7L * i));
            history.add(new Order(id + "-" + i, id, at, "United Kingdom", false, List.of(new OrderLine("A", "a", 10, 2.0))));
        }
        return new ProfileBuilder(new OrderAggregator()).build(id, history, AS_OF, false);
    }

    private static void put(CustomerProfile p) {
        PROFILES.put(p.customerId(), new StoredProfile(p.customerId(), p.profilingOptOut(), p.asOf(), new ProfileFeatureSource(p), p));
    }

    @Test
    void aLapsedOneTimerIsRiskierThanALoyalRegular() {
        ChurnScorer scorer = new ChurnScorer(REPOSITORY, model);
        ChurnScore loyal = scorer.score("loyal");
        ChurnScore lapsed = scorer.score("lapsed");
        assertTrue(lapsed.churnProbability() > loyal.churnProbability(), lapsed + " vs " + loyal);
        assertEquals("high", lapsed.riskBand());
        assertEquals("low", loyal.riskBand());
    }

    @Test
    void reasonsAreTheStrongestThree_withTheirDirection() {
        ChurnScore lapsed = new ChurnScorer(REPOSITORY, model).score("lapsed");
        List<Reason> reasons = lapsed.reasons();
        assertEquals(3, reasons.size());
        for (int i = 1; i < reasons.size(); i++) {
            assertTrue(Math.abs(reasons.get(i - 1).impact()) >= Math.abs(reasons.get(i).impact()), reasons.toString());
        }
        for (Reason r : reasons) {
            assertEquals(r.impact() > 0 ? "raises" : "lowers", r.effect());
        }
    }

    @Test
    void anOptedOutCustomerIsNotScored() {
        CustomerProfile p = profile("quiet", 3, 20);
        PROFILES.put("quiet", new StoredProfile("quiet", true, p.asOf(), new ProfileFeatureSource(p), p));
        ChurnScore s = new ChurnScorer(REPOSITORY, model).score("quiet");
        assertEquals(ChurnScore.OPTED_OUT, s.status());
        assertNull(s.churnProbability());
        assertNull(s.reasons());
    }

    @Test
    void validatesTheIdBeforeAnyLookup() {
        ProfileRepository failing = id -> {
            throw new AssertionError("no lookup for an invalid id");
        };
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> new ChurnScorer(failing, model).score("a b"));
        assertEquals("customerId", e.field());
        assertThrows(ProfileNotFoundException.class, () -> new ChurnScorer(REPOSITORY, model).score("nobody"));
    }
}
