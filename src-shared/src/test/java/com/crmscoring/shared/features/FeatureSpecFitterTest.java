package com.crmscoring.shared.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeatureSpecFitterTest {

    private static FeatureSource row(Object amount, Object country, Object flag) {
        Map<String, Object> m = new HashMap<>();
        m.put("amount", amount);
        m.put("country", country);
        m.put("flag", flag);
        return m::get;
    }

    @Test
    void fitsMedianMeanStdLevelsAndMajority() {
        List<FeatureSource> rows = List.of(
                row(1.0, "UK", true), row(2.0, "UK", true), row(3.0, "FR", false), row(null, "UK", "yes"), row("x", "DE", null));
        FeatureSpec spec = new FeatureSpecFitter().fit(List.of(
                FeatureField.numeric("amount", NumericTransform.NONE),
                FeatureField.categorical("country", 2),
                FeatureField.bool("flag")), rows);

        NumericFeature amount = (NumericFeature) spec.features().get(0);
        assertEquals(2.0, amount.missingValue(), 1e-12, "median of 1, 2, 3");
        // Missing values take the median before the mean: 1, 2, 3, 2, 2.
        assertEquals(2.0, amount.mean(), 1e-12);
        assertEquals(Math.sqrt(0.4), amount.std(), 1e-12);

        CategoricalFeature country = (CategoricalFeature) spec.features().get(1);
        assertEquals(List.of("UK"), country.levels(), "FR and DE are rarer than 2 rows");
        assertEquals("UK", country.baselineLevel());
        assertEquals(List.of("country=UK", "country=__other__"), country.columns());

        BooleanFeature flag = (BooleanFeature) spec.features().get(2);
        assertTrue(flag.missingValue());
    }

    @Test
    void refusesAnAttributeThatIsEmptyEverywhere() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FeatureSpecFitter().fit(
                List.of(FeatureField.numeric("amount", NumericTransform.NONE)), List.of(row(null, "UK", true), row("", "UK", true))));
        assertTrue(e.getMessage().contains("'amount' is empty in every training row"), e.getMessage());
    }

    @Test
    void signedLogKeepsTheSignOfRefunds() {
        assertEquals(-Math.log1p(9), NumericTransform.SIGNED_LOG1P.apply(-9), 1e-12);
        assertEquals(Math.log1p(9), NumericTransform.SIGNED_LOG1P.apply(9), 1e-12);
    }
}
