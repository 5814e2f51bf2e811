package com.crmscoring.shared.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bins and the index the export, the drift job and the quarter comparison share. */
class DriftReferenceTest {

    @Test
    void numbersGetDecilesAndAMissingBin() {
        List<Object> values = new ArrayList<>();
        for (int i = 1; i <= 1000; i++) {
            values.add((double) i);
        }
        values.add(null);
        DriftReference.Distribution d = DriftReference.fit(values, true);
        assertArrayEquals(new double[] {101, 201, 301, 401, 501, 601, 701, 801, 901}, d.edges());
        assertEquals(11, d.bins(), "ten deciles and the missing bin");
        assertEquals(100.0 / 1001, d.shares()[0], 1e-12);
        assertEquals(1.0 / 1001, d.shares()[10], 1e-12, "the missing value");
        assertEquals(1.0, Arrays.stream(d.shares()).sum(), 1e-12);
        assertEquals(0, d.binOf(-5.0));
        assertEquals(1, d.binOf(101), "an edge belongs to the bin above it");
        assertEquals(9, d.binOf(1e9));
        assertEquals(10, d.binOf(null));
        assertEquals(List.of("< 101", "101 – 201", "201 – 301", "301 – 401", "401 – 501", "501 – 601", "601 – 701", "701 – 801",
                "801 – 901", "≥ 901", "missing"), d.labels());
    }

    @Test
    void tiedValuesDoNotMakeEmptyBins() {
        // Most customers have no returns: the deciles at 0 collapse into one edge, and none sits at the minimum.
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < 900; i++) {
            values.add(0.0);
        }
        for (int i = 1; i <= 100; i++) {
            values.add((double) i);
        }
        DriftReference.Distribution d = DriftReference.fit(values, true);
        for (int i = 0; i < d.bins() - 1; i++) {
            assertTrue(d.shares()[i] > 0, "bin " + d.labels().get(i) + " of " + d);
        }
        assertEquals(0.9, d.shares()[0], 1e-12, "the zeros together");
    }

    @Test
    void categoriesKeepTheMostFrequentAndShareTheRest() {
        List<Object> values = new ArrayList<>();
        for (int c = 0; c < 25; c++) {
            for (int n = 0; n <= c; n++) {
                values.add("c" + c);
            }
        }
        values.add(null);
        DriftReference.Distribution d = DriftReference.fit(values, false);
        assertEquals(DriftReference.MAX_CATEGORIES, d.categories().size());
        assertEquals("c24", d.categories().get(0), "most frequent first");
        assertEquals(DriftReference.MAX_CATEGORIES, d.binOf("c0"), "a rare category is other");
        assertEquals(DriftReference.MAX_CATEGORIES, d.binOf("never seen"));
        assertEquals(d.bins() - 1, d.binOf(null));
        assertEquals(1.0, Arrays.stream(d.shares()).sum(), 1e-12);
        assertEquals(1, DriftReference.fit(List.of(true, false, true), false).binOf(false), "Booleans by their text");
    }

    @Test
    void theIndexIsZeroForTheSamePopulationAndGrowsWithTheShift() {
        double[] e = {0.25, 0.25, 0.25, 0.25, 0};
        assertEquals(0, DriftReference.psi(e, e.clone()), 0);
        // By hand: (0.6 − 0.5)·ln(0.6/0.5) + (0.4 − 0.5)·ln(0.4/0.5) = 0.018232 + 0.022314.
        assertEquals(0.0405465, DriftReference.psi(new double[] {0.5, 0.5}, new double[] {0.6, 0.4}), 1e-6);
        // A bin empty today counts at the floor, not as infinity.
        double oneEmpty = DriftReference.psi(new double[] {0.5, 0.5}, new double[] {1.0, 0.0});
        assertTrue(Double.isFinite(oneEmpty) && oneEmpty > DriftReference.psi(new double[] {0.5, 0.5}, new double[] {0.6, 0.4}));
        assertThrows(IllegalArgumentException.class, () -> DriftReference.psi(new double[2], new double[3]));
        assertArrayEquals(new double[] {0.25, 0.75}, DriftReference.shares(new long[] {1, 3}));
        assertArrayEquals(new double[] {0, 0}, DriftReference.shares(new long[] {0, 0}));
    }

    @Test
    void aDistributionSurvivesTheModelFilesJson() throws JsonProcessingException {
        DriftReference.Distribution d = DriftReference.fit(List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0), true);
        DriftReference r = new DriftReference(11, Map.of("x", d), DriftReference.fit(List.of("a", "b", "a"), false));
        ObjectMapper json = new ObjectMapper();
        assertEquals(r, json.readValue(json.writeValueAsString(r), DriftReference.class));
    }
}
