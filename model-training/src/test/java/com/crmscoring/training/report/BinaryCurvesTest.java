package com.crmscoring.training.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.crmscoring.training.report.BinaryCurves.CalibrationBin;
import com.crmscoring.training.report.BinaryCurves.Point;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Expected curves are worked out by hand on small examples, so that a wrong tie rule or an
 * off-by-one in the thresholds shows up as a concrete wrong point.
 */
class BinaryCurvesTest {

    private static final double EPS = 1e-12;

    // Sorted by score: 0.9 P, 0.8 N, 0.6 P and 0.6 N (a tie), 0.4 P, 0.2 N; given out of order on purpose.
    private static final boolean[] LABELS = y(1, 0, 1, 0, 1, 0);
    private static final double[] SCORES = {0.6, 0.2, 0.9, 0.6, 0.4, 0.8};

    private static boolean[] y(int... labels) {
        boolean[] out = new boolean[labels.length];
        for (int i = 0; i < labels.length; i++) {
            out[i] = labels[i] == 1;
        }
        return out;
    }

    private static void assertPoints(double[][] expected, List<Point> actual) {
        assertEquals(expected.length, actual.size(), "number of points in " + actual);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i][0], actual.get(i).x(), EPS, "x of point " + i + " in " + actual);
            assertEquals(expected[i][1], actual.get(i).y(), EPS, "y of point " + i + " in " + actual);
        }
    }

    @Test
    void roc_hasOnePointPerDistinctThreshold_andTakesATieAsOneDiagonalStep() {
        assertPoints(new double[][] {
                {0, 0}, {0, 1.0 / 3}, {1.0 / 3, 1.0 / 3}, {2.0 / 3, 2.0 / 3}, {2.0 / 3, 1}, {1, 1}},
                BinaryCurves.roc(LABELS, SCORES));
    }

    @Test
    void precisionRecall_hasOnePointPerDistinctThreshold_highestFirst() {
        assertPoints(new double[][] {
                {1.0 / 3, 1}, {1.0 / 3, 1.0 / 2}, {2.0 / 3, 2.0 / 4}, {1, 3.0 / 5}, {1, 3.0 / 6}},
                BinaryCurves.precisionRecall(LABELS, SCORES));
    }

    @Test
    void curvesDoNotDependOnTheOrderOfTiedRows() {
        // Same rows, but the tied positive and negative at 0.6 swap places.
        boolean[] labels = y(0, 0, 1, 1, 1, 0);
        assertEquals(BinaryCurves.roc(LABELS, SCORES), BinaryCurves.roc(labels, SCORES));
        assertEquals(BinaryCurves.precisionRecall(LABELS, SCORES), BinaryCurves.precisionRecall(labels, SCORES));
        assertEquals(BinaryCurves.cumulativeGains(LABELS, SCORES), BinaryCurves.cumulativeGains(labels, SCORES));
    }

    @Test
    void gains_countATieStraddlingTheCutOffProRata() {
        List<Point> gains = BinaryCurves.cumulativeGains(LABELS, SCORES);
        // 10 % of 6 rows is 0.6 of the top row (a positive): 0.6 of 3 positives.
        assertEquals(0.2, gains.get(1).y(), EPS);
        // 50 % is 3 rows: 0.9 P, 0.8 N, then half of the tie {0.6 P, 0.6 N}: 1.5 of 3 positives.
        assertEquals(0.5, gains.get(5).y(), EPS);
    }

    @Test
    void gains_runFromOriginToOneOne_inTenthsAndNeverFall() {
        Random random = new Random(11);
        int n = 37;
        boolean[] labels = new boolean[n];
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            scores[i] = Math.round(random.nextDouble() * 10) / 10.0;   // rounding makes many ties
            labels[i] = random.nextDouble() < scores[i];
        }
        labels[0] = true;
        List<Point> gains = BinaryCurves.cumulativeGains(labels, scores);
        assertEquals(11, gains.size());
        assertEquals(new Point(0, 0), gains.get(0));
        assertEquals(new Point(1, 1), gains.get(10));
        for (int i = 0; i < gains.size(); i++) {
            assertEquals(i / 10.0, gains.get(i).x(), EPS);
            if (i > 0) {
                assertTrue(gains.get(i).y() >= gains.get(i - 1).y(), "gains fall at " + i + ": " + gains);
            }
        }
    }

    private static double[] perfectRanking(boolean[] labels) {
        double[] scores = new double[labels.length];
        for (int i = 0; i < labels.length; i++) {
            scores[i] = labels[i] ? 0.9 : 0.1;
        }
        return scores;
    }

    @Test
    void lift_ofPerfectRankingsFirstDecile_isOneOverTheBaseRate() {
        boolean[] labels = new boolean[100];
        for (int i = 0; i < 20; i++) {
            labels[i * 5] = true;   // base rate 0.2, more positives than a decile holds
        }
        double[] lift = BinaryCurves.liftByDecile(labels, perfectRanking(labels));
        assertEquals(10, lift.length);
        assertEquals(1 / 0.2, lift[0], EPS);
        assertEquals(1 / 0.2, lift[1], EPS);
        assertEquals(0, lift[2], EPS);
    }

    @Test
    void lift_ofPerfectRankingsFirstDecile_isCappedWhenPositivesDoNotFillTheDecile() {
        boolean[] labels = new boolean[100];
        for (int i = 0; i < 5; i++) {
            labels[i * 17] = true;   // base rate 0.05: 1 / base rate would be 20
        }
        double[] lift = BinaryCurves.liftByDecile(labels, perfectRanking(labels));
        // The 10-row first decile holds all 5 positives: rate 0.5 over 0.05 is 10, not 20.
        assertEquals(10, lift[0], EPS);
        double sum = 0;
        for (double l : lift) {
            sum += l;
        }
        assertEquals(10, sum, 1e-9, "deciles average a lift of one");
    }

    @Test
    void calibration_ofScoresEqualToTheObservedFrequency_liesOnTheDiagonal() {
        // Four rows at 0.25 with one positive, four at 0.75 with three, one at exactly 1 with one.
        boolean[] labels = y(1, 0, 0, 0, 1, 1, 1, 0, 1);
        double[] scores = {0.25, 0.25, 0.25, 0.25, 0.75, 0.75, 0.75, 0.75, 1.0};
        List<CalibrationBin> bins = BinaryCurves.calibration(labels, scores, 10);
        assertEquals(List.of(new CalibrationBin(0.25, 0.25, 4), new CalibrationBin(0.75, 0.75, 4),
                new CalibrationBin(1.0, 1.0, 1)), bins);
    }

    @Test
    void badInput_isRejectedWithAMessageNamingTheProblem() {
        IllegalArgumentException length = assertThrows(IllegalArgumentException.class,
                () -> BinaryCurves.roc(y(1, 0), new double[] {0.1, 0.2, 0.3}));
        assertTrue(length.getMessage().contains("differ in length"), length.getMessage());

        IllegalArgumentException noPositive = assertThrows(IllegalArgumentException.class,
                () -> BinaryCurves.roc(y(0, 0), new double[] {0.1, 0.2}));
        assertTrue(noPositive.getMessage().contains("positive"), noPositive.getMessage());

        IllegalArgumentException noNegative = assertThrows(IllegalArgumentException.class,
                () -> BinaryCurves.precisionRecall(y(1, 1), new double[] {0.1, 0.2}));
        assertTrue(noNegative.getMessage().contains("negative"), noNegative.getMessage());

        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> BinaryCurves.cumulativeGains(y(1, 0), new double[] {0.1, Double.NaN}));
        assertTrue(nan.getMessage().contains("score[1]"), nan.getMessage());

        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> BinaryCurves.liftByDecile(new boolean[0], new double[0]));
        assertTrue(empty.getMessage().contains("empty"), empty.getMessage());

        IllegalArgumentException notProbability = assertThrows(IllegalArgumentException.class,
                () -> BinaryCurves.calibration(y(1, 0), new double[] {0.5, 1.5}, 10));
        assertTrue(notProbability.getMessage().contains("[0, 1]"), notProbability.getMessage());

        IllegalArgumentException noBins = assertThrows(IllegalArgumentException.class,
                () -> BinaryCurves.calibration(y(1, 0), new double[] {0.5, 0.5}, 0));
        assertTrue(noBins.getMessage().contains("bin"), noBins.getMessage());
    }
}
