package com.crmscoring.training.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.crmscoring.shared.lifecycle.LifecycleStage;
import com.crmscoring.shared.model.SegmentDescription;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Segments on the real Online Retail customers. */
class SegmentTrainingTest {

    private static final Path DATA = Path.of(System.getProperty("crm.data.dir", "../../shared/data"), "online-retail.csv.gz");
    private static SegmentTraining.Result result;

    @BeforeAll
    static void train() throws Exception {
        assumeTrue(Files.exists(DATA), "the public Online Retail data is absent: " + DATA.toAbsolutePath());
        result = new SegmentTraining(42, line -> { }).train(DATA);
    }

    @Test
    void choosesKByTheBestSilhouette_andDescribesEverySegment() {
        int k = result.metadata().metrics().get("k").intValue();
        assertTrue(k >= SegmentTraining.MIN_K && k <= SegmentTraining.MAX_K);
        double best = result.choices().stream().mapToDouble(SegmentTraining.KChoice::silhouette).max().orElseThrow();
        assertEquals(best, result.metadata().metrics().get("silhouette"), 1e-12);
        List<SegmentDescription> segments = result.metadata().segments();
        assertEquals(k, segments.size());
        assertEquals(result.customers(), segments.stream().mapToInt(SegmentDescription::size).sum());
        assertEquals(k, new HashSet<>(result.metadata().outputLabels()).size(), "names are unique");
        for (int c = 0; c < k; c++) {
            assertEquals(c, segments.get(c).id());
            assertEquals(3, segments.get(c).distinguishing().size());
        }
        assertEquals("segment", result.exported().parity().decision());
        assertEquals(result.customers(), result.exported().parity().rows(), "every customer's distances were compared");
    }

    @Test
    void lifeCycleRulesAreOrderedAndCoverEveryCustomer() {
        var rules = result.metadata().lifecycle();
        assertTrue(rules.terminationRecencyDays() >= rules.recessionRecencyDays());
        assertTrue(rules.growthTrend() >= rules.recessionTrend());
        assertEquals(4_372, result.stages().values().stream().mapToInt(Integer::intValue).sum(), "every customer of the data");
        assertEquals(result.prospects(), result.stages().get(LifecycleStage.ACQUISITION));
    }

    @Test
    void sameDataAndSeedGiveTheSameBytes() throws Exception {
        assertArrayEquals(result.exported().onnx(), new SegmentTraining(42, line -> { }).train(DATA).exported().onnx());
    }
}
