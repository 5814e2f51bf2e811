package com.crmscoring.scoring.churn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtEnvironment;
import com.crmscoring.scoring.model.OnnxModelTest;
import com.crmscoring.scoring.observe.ScoreMetrics;
import com.crmscoring.scoring.score.CustomerFeatureReader;
import com.crmscoring.scoring.score.CustomerNotFoundException;
import com.crmscoring.scoring.score.InvalidRequestException;
import com.crmscoring.scoring.score.Reason;
import com.crmscoring.scoring.score.ScoreStatus;
import com.crmscoring.shared.aggregates.CustomerHistory;
import com.crmscoring.shared.domain.Order;
import com.crmscoring.shared.domain.OrderLine;
import com.crmscoring.shared.model.OnnxModel;
import com.crmscoring.shared.offers.OfferCatalogue;
import com.crmscoring.storage.profile.ProfileStore;
import com.crmscoring.storage.profile.StoredProfile;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The scorer's logic with the real model and an in-memory store of stored histories, as
 * DynamoDB holds them (DynamoDB itself is covered by ChurnFunctionTest). Scores are computed for
 * the instant asked: a customer's risk grows while they stay away, without any write.
 */
class ChurnScorerTest {

    private static final Instant AS_OF = Instant.parse("2011-12-10T00:00:00Z");
    private static final OfferCatalogue CATALOGUE = OfferCatalogue.loadDefault();
    private static OnnxModel model;
    private static final Map<String, StoredProfile> PROFILES = new HashMap<>();
    private static final ProfileStore STORE = id -> Optional.ofNullable(PROFILES.get(id));
    /** "Now" for requests without asOf: the end of the bundled data. */
    private static final CustomerFeatureReader LOOKUP = new CustomerFeatureReader(STORE, Clock.fixed(AS_OF, ZoneOffset.UTC), CATALOGUE);

    @BeforeAll
    static void load() throws IOException {
        model = new OnnxModel(OrtEnvironment.getEnvironment(), "churn.onnx", OnnxModelTest.packagedChurnModel());
        put("loyal", 40, 5, false);      // 40 weekly orders, the last one 5 days before AS_OF
        put("lapsed", 1, 250, false);    // one order, 250 days before AS_OF
        put("quiet", 3, 20, true);       // objected to profiling
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static void put(String id, int orders, int lastOrderDaysAgo, boolean optedOut) {
        List<Order> history = new java.util.ArrayList<>();
        for (int i = 0; i < orders; i++) {
            Instant at = AS_OF.minusSeconds(86_400L * (lastOrderDaysAgo + 7L * i));
            history.add(new Order(id + "-" + i, id, at, "United Kingdom", false, List.of(new OrderLine("A", "a", 10, 2.0))));
        }
        PROFILES.put(id, new StoredProfile(id, optedOut, 1, null, null, attribute -> null, null, CustomerHistory.of(history, null, CATALOGUE)));
    }

    private static ChurnScore churn(String id, String asOf) {
        return new ChurnScorer(LOOKUP, model, new ScoreMetrics()).score(id, asOf);
    }

    @Test
    void aLapsedOneTimerIsRiskierThanALoyalRegular() {
        ChurnScore loyal = churn("loyal", null);
        ChurnScore lapsed = churn("lapsed", null);
        assertTrue(lapsed.churnProbability() > loyal.churnProbability(), lapsed + " vs " + loyal);
        assertEquals("high", lapsed.riskBand());
        assertEquals("low", loyal.riskBand());
        assertEquals(AS_OF.toString(), loyal.asOf(), "without asOf, the clock's now");
    }

    /** Issue #10: the same stored profile, asked at every age, is scored for that age. */
    @Test
    void aLoyalCustomerWhoStopsBuying_becomesRiskierEveryMonth_withoutAnyWrite() {
        double previous = -1;
        double first = -1;
        String[] bands = new String[5];
        int[] daysAfter = {1, 60, 120, 240, 400};
        Instant last = AS_OF.minus(Duration.ofDays(5));
        for (int i = 0; i < daysAfter.length; i++) {
            Instant at = last.plus(Duration.ofDays(daysAfter[i]));
            ChurnScore s = churn("loyal", at.toString());
            assertEquals(at.toString(), s.asOf(), "the answer states the instant it describes");
            assertTrue(s.churnProbability() >= previous, "day " + daysAfter[i] + ": " + s.churnProbability() + " after " + previous);
            previous = s.churnProbability();
            first = first < 0 ? previous : first;
            bands[i] = s.riskBand();
        }
        // Forty orders keep the model's estimate moderate, but a year and more of absence moves the band.
        assertEquals("low", bands[0]);
        assertTrue(!bands[4].equals("low") && previous > 2 * first, java.util.Arrays.toString(bands) + ": " + first + " -> " + previous);
    }

    @Test
    void anInstantBeforeTheLatestOrder_isRefused_andSaysWhichField() {
        InvalidRequestException before = assertThrows(InvalidRequestException.class,
                () -> churn("loyal", AS_OF.minus(Duration.ofDays(30)).toString()));
        assertEquals("asOf", before.field());
        assertFalse(before.getMessage().contains("loyal"), before.getMessage());
        InvalidRequestException malformed = assertThrows(InvalidRequestException.class, () -> churn("loyal", "yesterday"));
        assertEquals("asOf", malformed.field());
    }

    @Test
    void reasonsAreTheStrongestThree_withTheirDirection() {
        ChurnScore lapsed = churn("lapsed", null);
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
        ChurnScore s = churn("quiet", null);
        assertEquals(ScoreStatus.OPTED_OUT, s.status());
        assertNull(s.churnProbability());
        assertNull(s.reasons());
    }

    @Test
    void validatesTheIdBeforeAnyLookup() {
        ProfileStore failing = id -> {
            throw new AssertionError("no features for an invalid id");
        };
        CustomerFeatureReader features = new CustomerFeatureReader(failing, Clock.fixed(AS_OF, ZoneOffset.UTC), CATALOGUE);
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> new ChurnScorer(features, model, new ScoreMetrics()).score("a b", null));
        assertEquals("customerId", e.field());
        assertThrows(CustomerNotFoundException.class, () -> churn("nobody", null));
    }
}
