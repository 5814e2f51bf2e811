package com.crmscoring.training.binary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.crmscoring.shared.features.FeatureField;
import com.crmscoring.shared.features.FeatureSource;
import com.crmscoring.shared.features.NumericTransform;
import com.crmscoring.training.eval.Candidate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tribuo.classification.Label;

/**
 * Gradient-boosted trees through the whole binary pipeline on a problem no linear model can
 * learn (the sign of x*y), so the export of trees is what the parity gate checks.
 */
class XGBoostOnnxTest {

    private static BinaryDataset xor(int rows, long seed) {
        Random random = new Random(seed);
        List<FeatureSource> sources = new ArrayList<>();
        boolean[] positive = new boolean[rows];
        for (int i = 0; i < rows; i++) {
            double x = random.nextGaussian();
            double y = random.nextGaussian();
            String colour = random.nextBoolean() ? "red" : "blue";
            positive[i] = x * y > 0;
            sources.add(Map.<String, Object>of("x", x, "y", y, "colour", colour)::get);
        }
        return new BinaryDataset(sources, positive, List.of(FeatureField.numeric("x", NumericTransform.NONE),
                FeatureField.numeric("y", NumericTransform.NONE), FeatureField.categorical("colour", 1)), "xor", "xor-" + seed);
    }

    private static BinaryPipeline.Outcome train(BinaryDataset data) {
        List<Candidate<Label>> trees = BinaryFamilies.exportable().stream().filter(c -> c.name().startsWith("xgboost")).toList();
        BinaryTrainer trainer = new BinaryTrainer(trees, 3, 42, line -> { });
        return new BinaryPipeline(trainer, 42).run("xor", data, new BinaryPipeline.Notes("x * y > 0", chosen -> List.of(),
                List.of(), List.of()));
    }

    @Test
    void treesLearnWhatALineCannot_andOnnxRuntimeReproducesThem() {
        BinaryPipeline.Outcome outcome = train(xor(1_500, 1));
        assertTrue(outcome.trained().chosen().meanRocAuc() > 0.95, "trees separate the quadrants: " + outcome.trained().chosen());
        // Parity ran over every training row, in log-odds, and compared their risk bands.
        assertEquals(1_500, outcome.exported().parity().rows());
        assertEquals("log-odds", outcome.exported().parity().domain());
        assertEquals("risk band", outcome.exported().parity().decision());
        assertEquals(1_500, outcome.exported().parity().decisionsCompared() + outcome.exported().parity().borderline());
        assertEquals(List.of("output"), List.of(outcome.exported().metadata().probabilityOutput()));
    }

    @Test
    void sameDataAndSeedGiveTheSameBytes() {
        assertArrayEquals(train(xor(600, 2)).exported().onnx(), train(xor(600, 2)).exported().onnx());
    }
}
