package com.crmscoring.scoring.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.onnxruntime.OrtEnvironment;
import com.crmscoring.scoring.value.LifetimeValueScorer;
import com.crmscoring.shared.features.FeatureSource;
import com.crmscoring.shared.features.FeatureVectorizer;
import com.crmscoring.shared.model.OnnxModel;
import com.crmscoring.shared.model.ParityTolerance;
import com.crmscoring.shared.model.TreeParameters;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The lifetime-value tree ensemble's reasons computed from its node tables (only the trees an
 * attribute reaches, walked again) against the definition itself, counterfactual rows through
 * ONNX Runtime, for every attribute of every real customer of the bundled shop. The tables walk
 * in double, ONNX Runtime sums in float32: each compared value's bound is derived in
 * {@link ParityTolerance} from the leaves the row reaches, never tuned.
 */
class ScoreExplainerTreesTest {

    private static final Path DATA = BundledShop.DATA;

    private static OnnxModel model;
    private static List<FeatureSource> customers;

    @BeforeAll
    static void load() throws IOException {
        assumeTrue(Files.exists(DATA), "the public data set is absent: " + DATA.toAbsolutePath());
        try (InputStream in = ScoreExplainerTreesTest.class.getClassLoader().getResourceAsStream("models/lifetime-value.onnx")) {
            assertNotNull(in, "models/lifetime-value.onnx is not on the test class path: build the models module");
            model = new OnnxModel(OrtEnvironment.getEnvironment(), "lifetime-value.onnx", in.readAllBytes());
        }
        customers = BundledShop.customers().stream()
                .map(attributes -> LifetimeValueScorer.modelInput(model.metadata().customerBase(), attributes)).toList();
    }

    @AfterAll
    static void close() {
        if (model != null) {
            model.close();
        }
    }

    @Test
    void theShippedLifetimeValueModelIsExplainedFromItsTrees() {
        assertNotNull(model.metadata().trees(), "the lifetime-value model carries no tree tables: training chose another family ("
                + model.metadata().algorithm() + ")");
        assertEquals(ScoreExplainer.Method.TREES, new ScoreExplainer(model, ScoreExplainer.Scale.IDENTITY).method());
        assertEquals(ScoreExplainer.Method.ROWS, ScoreExplainer.counterfactual(model, ScoreExplainer.Scale.IDENTITY).method());
    }

    @Test
    void reasonsFromTheTreesEqualTheCounterfactualDefinitionToFloat32Precision() {
        TreeParameters trees = model.metadata().trees();
        assertNotNull(trees);
        ScoreExplainer.Computed fast = new ScoreExplainer(model, ScoreExplainer.Scale.IDENTITY).compute(customers);
        ScoreExplainer.Computed definition = ScoreExplainer.counterfactual(model, ScoreExplainer.Scale.IDENTITY).compute(customers);
        FeatureVectorizer vectorizer = model.vectorizer();
        List<FeatureVectorizer.FeatureGroup> groups = vectorizer.groups();
        int compared = 0;
        int nonZero = 0;
        double worst = 0;
        for (int s = 0; s < customers.size(); s++) {
            float[] own = vectorizer.vectorize(customers.get(s));
            double ownBound = bound(trees, own);
            for (int g = 0; g < groups.size(); g++) {
                float[] typical = own.clone();
                groups.get(g).resetToBaseline(typical, 0);
                double bound = ownBound + bound(trees, typical);
                double fromTrees = fast.impacts()[s][g];
                double byRows = definition.impacts()[s][g];
                String name = groups.get(g).definition().name();
                assertTrue(Math.abs(fromTrees - byRows) <= bound, () -> String.format(Locale.ROOT,
                        "attribute %s: from the trees %.9g, by counterfactual rows %.9g, bound %.3e", name, fromTrees, byRows, bound));
                worst = Math.max(worst, Math.abs(fromTrees - byRows) / bound);
                compared++;
                nonZero += byRows != 0 ? 1 : 0;
            }
        }
        System.out.printf(Locale.ROOT, "reasons from the trees: %d attribute changes of %d customers compared, %d non-zero;"
                + " largest difference %.3f of its float32 bound%n", compared, customers.size(), nonZero, worst);
        assertTrue(customers.size() > 4_000, "the whole bundled shop: " + customers.size());
        assertTrue(nonZero > compared / 4, "many attribute changes are real, not zero: " + nonZero + " of " + compared);
    }

    /**
     * How far ONNX Runtime's float32 output for one row may be from the exact one: the sum of
     * the leaves the row reaches bounds the margin's rounding; a log link multiplies the output
     * by at most {@code exp(tolerance)}.
     */
    private static double bound(TreeParameters trees, float[] x) {
        double margin = trees.baseMargin();
        double size = Math.abs(trees.baseMargin());
        for (int t = 0; t < trees.size(); t++) {
            float leaf = trees.leaf()[trees.leafOf(t, x, 0)];
            margin += leaf;
            size += Math.abs(leaf);
        }
        double tolerance = ParityTolerance.of(ParityTolerance.sum(trees.size(), size), margin, false);
        return trees.link().equals(TreeParameters.LOG) ? trees.output(margin) * Math.expm1(tolerance) : tolerance;
    }
}
