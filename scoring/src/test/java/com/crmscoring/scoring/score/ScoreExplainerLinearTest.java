package com.crmscoring.scoring.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.onnxruntime.OrtEnvironment;
import com.crmscoring.scoring.model.OnnxModelTest;
import com.crmscoring.shared.features.FeatureSource;
import com.crmscoring.shared.features.FeatureVectorizer;
import com.crmscoring.shared.model.LinearParameters;
import com.crmscoring.shared.model.OnnxModel;
import com.crmscoring.shared.model.ParityTolerance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The churn model's reasons computed from its weights (one model row per customer) against the
 * definition itself, counterfactual rows through ONNX Runtime, for every attribute of every real
 * customer of the bundled shop. They must agree to float32 precision: the bound of each compared
 * value is derived from the arithmetic in {@link ParityTolerance}, never tuned.
 */
class ScoreExplainerLinearTest {

    private static final Path DATA = BundledShop.DATA;
    /** Beyond this the scorer clamps the probability before taking log-odds: not the linear regime. */
    private static final double CLAMPED = 1 - 1e-6;

    private static OnnxModel model;
    private static List<FeatureSource> customers;

    @BeforeAll
    static void load() throws IOException {
        assumeTrue(Files.exists(DATA), "the public data set is absent: " + DATA.toAbsolutePath());
        model = new OnnxModel(OrtEnvironment.getEnvironment(), "churn.onnx", OnnxModelTest.packagedChurnModel());
        customers = BundledShop.customers();
    }

    @AfterAll
    static void close() {
        if (model != null) {
            model.close();
        }
    }

    @Test
    void theShippedChurnModelIsLinearAndExplainedFromItsWeights() {
        assertNotNull(model.metadata().linear(), "the churn model carries no linear weights: training chose another family ("
                + model.metadata().algorithm() + "), and its reasons now take counterfactual rows");
        assertEquals(ScoreExplainer.Method.WEIGHTS, new ScoreExplainer(model, ScoreExplainer.Scale.LOG_ODDS).method());
        assertEquals(ScoreExplainer.Method.ROWS, ScoreExplainer.counterfactual(model, ScoreExplainer.Scale.LOG_ODDS).method());
        assertEquals(ScoreExplainer.Method.ROWS, new ScoreExplainer(model, ScoreExplainer.Scale.IDENTITY).method(),
                "a probability is not linear in the weights: on its own scale the reasons take rows");
    }

    @Test
    void reasonsFromTheWeightsEqualTheCounterfactualDefinitionToFloat32Precision() {
        LinearParameters linear = model.metadata().linear();
        assertNotNull(linear);
        ScoreExplainer.Computed fast = new ScoreExplainer(model, ScoreExplainer.Scale.LOG_ODDS).compute(customers);
        ScoreExplainer.Computed definition = ScoreExplainer.counterfactual(model, ScoreExplainer.Scale.LOG_ODDS).compute(customers);
        FeatureVectorizer vectorizer = model.vectorizer();
        List<FeatureVectorizer.FeatureGroup> groups = vectorizer.groups();
        int positive = model.metadata().positiveIndex();
        int compared = 0;
        int nonZero = 0;
        int clamped = 0;
        double worst = 0;
        for (int s = 0; s < customers.size(); s++) {
            float[] own = vectorizer.vectorize(customers.get(s));
            double ownTolerance = tolerance(linear, positive, own);
            if (Double.isNaN(ownTolerance)) {
                clamped++;
                continue;
            }
            double ownBound = ownTolerance;
            // The same row, in batches of other sizes: each side within its own bound.
            assertEquals(logOdds(definition.scores()[s]), logOdds(fast.scores()[s]), 2 * ownBound,
                    "the score is the model's own row either way");
            for (int g = 0; g < groups.size(); g++) {
                float[] typical = own.clone();
                groups.get(g).resetToBaseline(typical, 0);
                double typicalTolerance = tolerance(linear, positive, typical);
                if (Double.isNaN(typicalTolerance)) {
                    clamped++;
                    continue;
                }
                double bound = ownBound + typicalTolerance;
                double fromWeights = fast.impacts()[s][g];
                double byRows = definition.impacts()[s][g];
                String name = groups.get(g).definition().name();
                assertTrue(Math.abs(fromWeights - byRows) <= bound, () -> String.format(Locale.ROOT,
                        "attribute %s: from the weights %.9f, by counterfactual rows %.9f, bound %.3e", name, fromWeights, byRows,
                        bound));
                worst = Math.max(worst, Math.abs(fromWeights - byRows) / bound);
                compared++;
                nonZero += byRows != 0 ? 1 : 0;
            }
        }
        System.out.printf(Locale.ROOT, "reasons from the weights: %d attribute changes of %d customers compared, %d non-zero,"
                + " %d clamped; largest difference %.3f of its float32 bound%n", compared, customers.size(), nonZero, clamped, worst);
        assertTrue(customers.size() > 4_000, "the whole bundled shop: " + customers.size());
        assertTrue(nonZero > compared / 2, "most attribute changes are real, not zero: " + nonZero + " of " + compared);
        assertTrue(clamped < compared / 100, "few rows beyond float32's log-odds: " + clamped);
    }

    private static double logOdds(double p) {
        return Math.log(p / (1 - p));
    }

    /**
     * The float32 bound of the log-odds ONNX Runtime gives for one row: both margins' sums
     * ({@link ParityTolerance#sum} over the absolute products of the row and the intercepts), then
     * the probability's roundings magnified by the log-odds' slope. NaN where the scorer clamps.
     */
    private static double tolerance(LinearParameters linear, int positive, float[] x) {
        double size = 0;
        double margin = 0;
        for (int k = 0; k < 2; k++) {
            List<Double> w = linear.weights().get(k);
            double sign = k == positive ? 1 : -1;
            size += Math.abs(linear.intercepts().get(k));
            margin += sign * linear.intercepts().get(k);
            for (int j = 0; j < x.length; j++) {
                size += Math.abs(w.get(j) * x[j]);
                margin += sign * w.get(j) * x[j];
            }
        }
        double p = 1 / (1 + Math.exp(-margin));
        if (p > CLAMPED || p < 1 - CLAMPED) {
            return Double.NaN;
        }
        return ParityTolerance.ofLogOddsFromProbability(ParityTolerance.sum(x.length + 1, size), p);
    }
}
