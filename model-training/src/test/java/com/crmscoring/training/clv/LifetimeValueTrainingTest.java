package com.crmscoring.training.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.crmscoring.shared.model.ModelMetadata;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LifetimeValueTrainingTest {

    @Test
    void errorsAreMaeRmseAndR2() {
        LifetimeValueTraining.Errors e = LifetimeValueTraining.errors("x", "", new double[] {0, 10, 20}, new double[] {2, 10, 14});
        assertEquals(8.0 / 3, e.mae(), 1e-12);
        assertEquals(Math.sqrt(40.0 / 3), e.rmse(), 1e-12);
        assertEquals(1 - 40.0 / 200.0, e.r2(), 1e-12);
    }

    @Test
    void theTopDecileShareIsTheSpendOfTheTenthRankedHighest() {
        double[] actual = {5, 0, 0, 0, 0, 0, 0, 0, 0, 5};
        assertEquals(0.5, LifetimeValueTraining.topDecileShare(actual, new double[] {9, 1, 1, 1, 1, 1, 1, 1, 1, 2}), 1e-12);
        assertEquals(0.0, LifetimeValueTraining.topDecileShare(actual, new double[] {0, 9, 1, 1, 1, 1, 1, 1, 1, 2}), 1e-12);
    }

    @Test
    void theChoiceRulePrefersBeatingTheNaiveForecastOnBothErrors() {
        LifetimeValueTraining.Errors naive = new LifetimeValueTraining.Errors("naive", "", 10, 100, 0, 0, 0);
        var lowMaeOnly = new LifetimeValueTraining.Errors("a", "", 5, 120, 0, 0, 0);
        var both = new LifetimeValueTraining.Errors("b", "", 8, 90, 0, 0, 0);
        assertEquals(1, LifetimeValueTraining.choose(java.util.List.of(lowMaeOnly, both), naive));
        assertEquals(0, LifetimeValueTraining.choose(java.util.List.of(lowMaeOnly, new LifetimeValueTraining.Errors("c", "", 6, 130,
                0, 0, 0)), naive), "when none beats it on both, the lowest MAE");
    }

    @Test
    void theChosenModelBeatsTheNaiveForecastOnAbsoluteAndSquaredError_andScoresAlikeInOnnx() throws Exception {
        Path data = Path.of(System.getProperty("crm.data.dir", "../../shared/data"), "online-retail.csv.gz");
        assumeTrue(Files.exists(data), "the public Online Retail data is absent: " + data.toAbsolutePath());
        LifetimeValueTraining.Result r = new LifetimeValueTraining(5, 42, line -> { }).train(data);
        assertTrue(r.metadata().metrics().get("cv.mae") < r.baseline().mae(),
                "model " + r.metadata().metrics() + " vs naive " + r.baseline());
        assertTrue(r.metadata().metrics().get("cv.rmse") < r.baseline().rmse(),
                "model " + r.metadata().metrics() + " vs naive " + r.baseline());
        assertEquals(r.customerBase().model(), r.metadata().customerBase(), "BG/NBD and Gamma-Gamma travel in the metadata");
        assertEquals(r.metadata(), ModelMetadata.fromJson(r.metadata().toJson()), "and survive the file's JSON");
        // Every forecast is judged on the same customers, the standard model among them.
        assertTrue(r.candidates().stream().anyMatch(e -> e.name().equals(LifetimeValueTraining.BG_NBD)));
        assertTrue(r.forecasts().stream().allMatch(f -> f.predicted().length == r.actual().length));
        assertEquals(r.actual().length, r.exported().parity().rows(), "parity covered every customer");
        assertEquals("log of the prediction", r.exported().parity().domain(), "the Tweedie model is compared on its log link");
        assertEquals("regression", r.metadata().task());
        assertEquals(r.actual().length, r.outOfFold().length);
    }
}
