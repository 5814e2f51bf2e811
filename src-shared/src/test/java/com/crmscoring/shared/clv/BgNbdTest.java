package com.crmscoring.shared.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class BgNbdTest {

    /** Fader, Hardie &amp; Lee's published CDNOW estimates (weeks). */
    private static final BgNbd CDNOW = new BgNbd(0.243, 4.414, 0.793, 2.426);

    @Test
    void conditionalExpectationMatchesThePapersWorkedExample() {
        // "Implementing the BG/NBD model in Excel" (Fader, Hardie & Lee 2005): customer 0001,
        // x = 2, t_x = 30.43, T = 38.86, expects 1.226 purchases in the next 39 weeks.
        double e = CDNOW.expectedPurchases(39, new BgNbd.Summary(2, 30.43, 38.86));
        assertEquals("1.226", String.format(Locale.ROOT, "%.3f", e));
    }

    @Test
    void eulersFormAgreesWithThePapersForm() {
        // The paper's product of a small power and a large 2F1, where both still fit in a double.
        for (int x : new int[] {0, 1, 3, 10, 25}) {
            BgNbd.Summary s = new BgNbd.Summary(x, 20, 35);
            double t = 26;
            double z = t / (CDNOW.alpha() + s.t() + t);
            double r = CDNOW.r();
            double a = CDNOW.a();
            double b = CDNOW.b();
            double bracket = 1 - Math.pow((CDNOW.alpha() + s.t()) / (CDNOW.alpha() + s.t() + t), r + x)
                    * Hypergeometric.f21(r + x, b + x, a + b + x - 1, z);
            double denominator = 1 + (x > 0 ? a / (b + x - 1) * Math.pow((CDNOW.alpha() + s.t()) / (CDNOW.alpha() + s.tx()), r + x) : 0);
            double paper = (a + b + x - 1) / (a - 1) * bracket / denominator;
            assertEquals(paper, CDNOW.expectedPurchases(t, s), 1e-9 * Math.max(1, paper), "x = " + x);
        }
    }

    @Test
    void aFrequentBuyerDoesNotOverflow() {
        // 1,000 purchases: the paper's form would raise a ratio to the 1,000th power.
        double e = CDNOW.expectedPurchases(13, new BgNbd.Summary(1000, 51.9, 52));
        assertTrue(Double.isFinite(e) && e > 100, "expected " + e);
        assertEquals(1.0, CDNOW.probabilityAlive(new BgNbd.Summary(1000, 51.9, 52)), 0.01);
    }

    @Test
    void probabilityAliveFallsWithSilenceAndIsOneBeforeARepeatPurchase() {
        assertEquals(1.0, CDNOW.probabilityAlive(new BgNbd.Summary(0, 0, 30)));
        double previous = 1;
        for (double weeks = 20; weeks <= 100; weeks += 10) {
            double p = CDNOW.probabilityAlive(new BgNbd.Summary(5, 20, weeks));
            assertTrue(p < previous && p > 0, "P(alive) at T = " + weeks + ": " + p);
            previous = p;
        }
    }

    @Test
    void theModifiedVariantLetsAOneTimeBuyerLapse() {
        BgNbd modified = new BgNbd(0.243, 4.414, 0.793, 2.426, BgNbd.Variant.MBG_NBD);
        double soon = modified.probabilityAlive(new BgNbd.Summary(0, 0, 2));
        double late = modified.probabilityAlive(new BgNbd.Summary(0, 0, 52));
        assertTrue(late < soon && soon < 1, soon + " then " + late);
        // The same closed form as Batislam et al.'s, checked against the paper's (unstable) form.
        for (int x : new int[] {0, 2, 12}) {
            BgNbd.Summary s = new BgNbd.Summary(x, 20, 35);
            double t = 26;
            double r = modified.r();
            double a = modified.a();
            double b = modified.b();
            double al = modified.alpha();
            double z = t / (al + s.t() + t);
            double paper = (a + b + x) / (a - 1) * (1 - Math.pow((al + s.t()) / (al + s.t() + t), r + x)
                    * Hypergeometric.f21(r + x, b + x + 1, a + b + x, z))
                    / (1 + a / (b + x) * Math.pow((al + s.t()) / (al + s.tx()), r + x));
            assertEquals(paper, modified.expectedPurchases(t, s), 1e-9 * Math.max(1, paper), "x = " + x);
        }
        assertEquals(BgNbd.Variant.BG_NBD, new BgNbd(1, 1, 1, 1, null).variant(), "a file without a variant is the original");
    }

    @Test
    void invalidParametersAndSummariesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new BgNbd(0, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new BgNbd(1, Double.NaN, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new BgNbd.Summary(1, 10, 5));
        assertThrows(IllegalArgumentException.class, () -> new GammaGamma(1, 0.5, 1));
    }

    @Test
    void gammaGammaShrinksAMeanTowardsThePopulation() {
        GammaGamma g = new GammaGamma(6.25, 3.74, 15.44);
        double population = g.populationMean();
        assertEquals(6.25 * 15.44 / 2.74, population, 1e-12);
        double one = g.expectedValue(1, 100);
        double many = g.expectedValue(50, 100);
        assertTrue(population < one && one < many && many < 100, one + " " + many);
        assertEquals(population, g.expectedValue(0, Double.NaN));
    }
}
