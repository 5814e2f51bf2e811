package com.crmscoring.training.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Expected values are worked out by hand with scikit-learn's definitions, because the model
 * cards compare our figures with results published from scikit-learn.
 */
class BinaryMetricsTest {

    private static final double EPS = 1e-9;

    private static boolean[] y(int... labels) {
        boolean[] out = new boolean[labels.length];
        for (int i = 0; i < labels.length; i++) {
            out[i] = labels[i] == 1;
        }
        return out;
    }

    @Test
    void rocAuc_matchesScikitLearnExample() {
        // roc_auc_score([0,0,1,1], [0.1,0.4,0.35,0.8]) == 0.75: 3 of 4 (pos, neg) pairs ordered right.
        assertEquals(0.75, BinaryMetrics.rocAuc(y(0, 0, 1, 1), new double[] {0.1, 0.4, 0.35, 0.8}), EPS);
    }

    @Test
    void averagePrecision_matchesScikitLearnExample() {
        // Thresholds 0.8: R=1/2 P=1; 0.4: R=1/2 (adds nothing); 0.35: R=1 P=2/3 -> 1/2 + 1/2 * 2/3.
        assertEquals(0.5 + 0.5 * 2.0 / 3.0,
                BinaryMetrics.averagePrecision(y(0, 0, 1, 1), new double[] {0.1, 0.4, 0.35, 0.8}), EPS);
        assertEquals(0.8333333, BinaryMetrics.averagePrecision(y(0, 0, 1, 1), new double[] {0.1, 0.4, 0.35, 0.8}), 1e-7);
    }

    @Test
    void rocAuc_countsTiesAsHalf() {
        // Positives at 0.9, 0.5, 0.1; negatives at 0.9, 0.5. Pair credits:
        // 0.9+: vs 0.9- tie 1/2, vs 0.5- 1 -> 3/2; 0.5+: vs 0.9- 0, vs 0.5- tie 1/2; 0.1+: 0.
        // (3/2 + 1/2) / (3 * 2) = 1/3.
        double auc = BinaryMetrics.rocAuc(y(1, 0, 1, 0, 1), new double[] {0.9, 0.9, 0.5, 0.5, 0.1});
        assertEquals(1.0 / 3.0, auc, EPS);
    }

    @Test
    void rocAuc_ofConstantScoreIsOneHalf() {
        assertEquals(0.5, BinaryMetrics.rocAuc(y(1, 0, 0, 1, 0), new double[] {0.3, 0.3, 0.3, 0.3, 0.3}), EPS);
    }

    @Test
    void averagePrecision_treatsTiedScoresAsOneThreshold() {
        // Thresholds 0.9: tp 1 of 2 seen, R=1/3 P=1/2; 0.5: tp 2 of 4, R=2/3 P=1/2; 0.1: tp 3 of 5, R=1 P=3/5.
        // 1/3*1/2 + 1/3*1/2 + 1/3*3/5 = 8/15 (scikit-learn gives 0.5333...).
        double ap = BinaryMetrics.averagePrecision(y(1, 0, 1, 0, 1), new double[] {0.9, 0.9, 0.5, 0.5, 0.1});
        assertEquals(8.0 / 15.0, ap, EPS);
    }

    @Test
    void averagePrecision_doesNotDependOnTheInputOrderOfTiedRows() {
        // Stepping through tied rows one by one would reward a positive listed first.
        double positiveFirst = BinaryMetrics.averagePrecision(y(1, 0, 0, 1), new double[] {0.5, 0.5, 0.5, 0.5});
        double negativeFirst = BinaryMetrics.averagePrecision(y(0, 1, 1, 0), new double[] {0.5, 0.5, 0.5, 0.5});
        assertEquals(0.5, positiveFirst, EPS, "a single threshold: precision is the base rate");
        assertEquals(0.5, negativeFirst, EPS);
    }

    @Test
    void rocAuc_doesNotDependOnTheInputOrderOfTiedRows() {
        double a = BinaryMetrics.rocAuc(y(1, 0, 1, 0), new double[] {0.7, 0.7, 0.2, 0.9});
        double b = BinaryMetrics.rocAuc(y(0, 1, 0, 1), new double[] {0.9, 0.7, 0.7, 0.2});
        assertEquals(a, b, EPS);
        // 0.7+: vs 0.7- 1/2, vs 0.9- 0; 0.2+: 0 -> (1/2) / 4.
        assertEquals(0.125, a, EPS);
    }

    @Test
    void perfectRanking_givesOneForBothMetrics() {
        boolean[] labels = y(0, 1, 0, 1, 1, 0);
        double[] scores = {0.05, 0.91, 0.2, 0.7, 0.88, 0.69};
        assertEquals(1.0, BinaryMetrics.rocAuc(labels, scores), EPS);
        assertEquals(1.0, BinaryMetrics.averagePrecision(labels, scores), EPS);
    }

    @Test
    void reversedRanking_givesZeroAuc() {
        assertEquals(0.0, BinaryMetrics.rocAuc(y(1, 1, 0, 0), new double[] {0.1, 0.2, 0.8, 0.9}), EPS);
    }

    @Test
    void rocAuc_refusesASingleClass() {
        assertThrows(IllegalArgumentException.class,
                () -> BinaryMetrics.rocAuc(y(1, 1, 1), new double[] {0.1, 0.5, 0.9}));
        assertThrows(IllegalArgumentException.class,
                () -> BinaryMetrics.rocAuc(y(0, 0, 0), new double[] {0.1, 0.5, 0.9}));
    }

    @Test
    void averagePrecision_refusesNoPositives() {
        assertThrows(IllegalArgumentException.class,
                () -> BinaryMetrics.averagePrecision(y(0, 0, 0), new double[] {0.1, 0.5, 0.9}));
    }

    @Test
    void liftAt_isTopPositiveRateOverBaseRate() {
        // 10 rows, 2 positives (base rate 0.2); the single top-scored row is positive.
        boolean[] labels = y(0, 0, 1, 0, 0, 0, 1, 0, 0, 0);
        double[] scores = {0.1, 0.2, 0.95, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};
        assertEquals(1.0 / 0.2, BinaryMetrics.liftAt(labels, scores, 0.1), EPS, "top 1 row: 1 hit");
        assertEquals(0.5 / 0.2, BinaryMetrics.liftAt(labels, scores, 0.2), EPS, "top 2 rows: 1 hit");
        assertEquals(0.25 / 0.2, BinaryMetrics.liftAt(labels, scores, 0.4), EPS, "top 4 rows: 1 hit");
        assertEquals(0.4 / 0.2, BinaryMetrics.liftAt(labels, scores, 0.5), EPS, "top 5 rows: 2 hits");
        assertEquals(1.0, BinaryMetrics.liftAt(labels, scores, 1.0), EPS, "everyone: the base rate");
    }

    @Test
    void liftAt_takesAtLeastOneRow() {
        boolean[] labels = y(1, 0, 0, 0);
        double[] scores = {0.9, 0.1, 0.2, 0.3};
        // 4 * 0.01 rounds to 0 rows; one row is the smallest meaningful top.
        assertEquals(4.0, BinaryMetrics.liftAt(labels, scores, 0.01), EPS);
    }

    @Test
    void liftAt_withoutPositivesIsNaN() {
        assertTrue(Double.isNaN(BinaryMetrics.liftAt(y(0, 0, 0), new double[] {0.1, 0.2, 0.3}, 0.5)));
    }
}
