package com.crmscoring.shared.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.crmscoring.shared.aggregates.BehaviourAggregates;
import com.crmscoring.shared.aggregates.OrderAggregator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LifecycleRulesTest {

    private static final LifecycleRules RULES = new LifecycleRules(150, 50, -0.2, 100, 0.9);

    @Test
    void rulesApplyInTheirDocumentedOrder() {
        assertEquals(LifecycleStage.TERMINATION, RULES.classify(200, 20, 1.0), "long gone beats a rising trend");
        assertEquals(LifecycleStage.RECESSION, RULES.classify(60, 20, 1.0), "recency over the median beats newness");
        assertEquals(LifecycleStage.RECESSION, RULES.classify(10, 400, -0.5), "a falling trend");
        assertEquals(LifecycleStage.GROWTH, RULES.classify(10, 30, Double.NaN), "new, no trend yet");
        assertEquals(LifecycleStage.GROWTH, RULES.classify(10, 400, 0.95), "rising");
        assertEquals(LifecycleStage.MATURITY, RULES.classify(10, 400, 0.1));
        assertEquals(LifecycleStage.ACQUISITION, RULES.classify(Double.NaN, Double.NaN, Double.NaN));
    }

    @Test
    void aProspectIsInAcquisition() {
        BehaviourAggregates prospect = new OrderAggregator().aggregate(Instant.parse("2011-12-10T00:00:00Z"), List.of());
        assertEquals(LifecycleStage.ACQUISITION, RULES.classify(prospect));
    }

    @Test
    void thresholdsAreQuantilesOfCustomersWhoBought() {
        double[] values = new double[101];
        for (int i = 0; i <= 100; i++) {
            values[i] = i;
        }
        assertEquals(75.0, LifecycleRules.quantile(values, 0.75));
        assertEquals(50.0, LifecycleRules.quantile(values, 0.5));
        List<BehaviourAggregates> none = new ArrayList<>();
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> LifecycleRules.fit(none));
    }
}
