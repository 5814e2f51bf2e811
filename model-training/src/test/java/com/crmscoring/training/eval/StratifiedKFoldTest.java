package com.crmscoring.training.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StratifiedKFoldTest {

    /** Labels with exactly {@code positives} true values, scattered so that the input order carries no strata. */
    private static boolean[] labels(int rows, int positives, long seed) {
        boolean[] y = new boolean[rows];
        Arrays.fill(y, 0, positives, true);
        Random random = new Random(seed);
        for (int i = rows - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            boolean t = y[i];
            y[i] = y[j];
            y[j] = t;
        }
        return y;
    }

    @ParameterizedTest(name = "{0} rows, {1} positives, k={2}")
    @CsvSource({"103, 13, 5", "7043, 1869, 5", "27, 11, 5", "50, 5, 5", "1000, 990, 3", "31, 2, 2", "200, 100, 10"})
    void everyFold_keepsThePositiveShareWithinOneRow(int rows, int positives, int k) {
        boolean[] y = labels(rows, positives, 7);
        int[] fold = StratifiedKFold.assign(y, k, 42);

        assertEquals(rows, fold.length);
        int[] size = new int[k];
        int[] pos = new int[k];
        for (int i = 0; i < rows; i++) {
            assertTrue(fold[i] >= 0 && fold[i] < k, "fold index out of range: " + fold[i]);
            size[fold[i]]++;
            if (y[i]) {
                pos[fold[i]]++;
            }
        }
        double share = (double) positives / rows;
        for (int f = 0; f < k; f++) {
            assertTrue(size[f] > 0, "fold " + f + " is empty");
            assertTrue(Math.abs(pos[f] - share * size[f]) <= 1.0,
                    "fold " + f + " has " + pos[f] + " positives in " + size[f] + " rows; the overall share is " + share);
            assertTrue(Math.abs(pos[f] - (double) positives / k) < 1.0,
                    "fold " + f + " holds " + pos[f] + " of " + positives + " positives over " + k + " folds");
        }
    }

    @Test
    void assignment_isDeterministicForASeed() {
        boolean[] y = labels(500, 80, 3);
        assertArrayEquals(StratifiedKFold.assign(y, 5, 42), StratifiedKFold.assign(y, 5, 42));
    }

    @Test
    void assignment_differsForAnotherSeed() {
        boolean[] y = labels(500, 80, 3);
        assertFalse(Arrays.equals(StratifiedKFold.assign(y, 5, 42), StratifiedKFold.assign(y, 5, 43)));
    }

    @Test
    void tooFewPositives_isRefusedNamingTheCounts() {
        boolean[] y = labels(40, 3, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StratifiedKFold.assign(y, 5, 42));
        assertTrue(e.getMessage().contains("positives: 3"), e.getMessage());
        assertTrue(e.getMessage().contains("negatives: 37"), e.getMessage());
        assertTrue(e.getMessage().contains("5"), e.getMessage());
    }

    @Test
    void tooFewNegatives_isRefusedToo() {
        boolean[] y = labels(40, 38, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StratifiedKFold.assign(y, 5, 42));
        assertTrue(e.getMessage().contains("negatives: 2"), e.getMessage());
    }

    @Test
    void fewerThanTwoFolds_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> StratifiedKFold.assign(labels(40, 10, 1), 1, 42));
    }
}
