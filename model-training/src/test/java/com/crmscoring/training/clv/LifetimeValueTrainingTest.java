package com.crmscoring.training.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
    void theChosenModelBeatsTheNaiveForecastOnAbsoluteError_andScoresAlikeInOnnx() throws Exception {
        Path data = Path.of(System.getProperty("crm.data.dir", "../../shared/data"), "online-retail.csv.gz");
        assumeTrue(Files.exists(data), "the public Online Retail data is absent: " + data.toAbsolutePath());
        LifetimeValueTraining.Result r = new LifetimeValueTraining(5, 42, line -> { }).train(data);
        assertTrue(r.metadata().metrics().get("cv.mae") < r.baseline().mae(),
                "model " + r.metadata().metrics() + " vs naive " + r.baseline());
        assertEquals(r.actual().length, r.exported().parity().rows(), "parity covered every customer");
        assertEquals("log of the prediction", r.exported().parity().domain(), "the Tweedie model is compared on its log link");
        assertEquals("regression", r.metadata().task());
        assertEquals(r.actual().length, r.outOfFold().length);
    }
}
