package com.crmscoring.training.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.crmscoring.shared.clv.BgNbd;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The BG/NBD and Gamma-Gamma fits reproduce the published estimates on the CDNOW cohort: 2,357
 * customers, 39 weeks of calibration (1997-01-01 to 1997-09-30), same-day purchases as one
 * transaction. Each estimate is compared at the precision the papers print it with, by rounding
 * ours the same way: BG/NBD r = 0.243, alpha = 4.414, a = 0.793, b = 2.426, LL = -9,582.4 (Fader,
 * Hardie &amp; Lee 2005, Marketing Science 24(2), table 1); Gamma-Gamma p = 6.25, q = 3.74,
 * gamma = 15.44 on the 946 repeat buyers (Fader, Hardie &amp; Lee 2005, JMR 42(4)).
 */
class CdnowPublishedEstimatesTest {

    private static final LocalDate CALIBRATION_END = LocalDate.of(1997, 9, 30);
    private static List<PurchaseSummaries.Customer> customers;

    @BeforeAll
    static void read() throws IOException {
        Path data = Path.of(System.getProperty("crm.data.dir", "../../shared/data"), "cdnow-sample.txt");
        assumeTrue(Files.exists(data), "the public CDNOW sample is absent: " + data.toAbsolutePath());
        List<PurchaseSummaries.Transaction> transactions = new ArrayList<>();
        DateTimeFormatter day = DateTimeFormatter.BASIC_ISO_DATE;
        for (String line : Files.readAllLines(data)) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 5) {
                transactions.add(new PurchaseSummaries.Transaction(f[1], LocalDate.parse(f[2], day), Double.parseDouble(f[4])));
            }
        }
        customers = PurchaseSummaries.summarise(transactions, CALIBRATION_END);
    }

    @Test
    void theCohortIsSummarisedAsInThePaper() {
        assertEquals(2357, customers.size());
        PurchaseSummaries.Customer first = customers.stream().filter(c -> c.customerId().equals("0001")).findFirst().orElseThrow();
        assertEquals(2, first.summary().x());
        assertEquals("30.43", round(first.summary().tx(), 2));
        assertEquals("38.86", round(first.summary().t(), 2));
        assertEquals(946, customers.stream().filter(c -> c.summary().x() > 0).count(), "repeat buyers in calibration");
    }

    @Test
    void bgNbdMatchesThePublishedEstimatesAndLikelihood() {
        BgNbdFitter.Result result = new BgNbdFitter().fit(customers.stream().map(PurchaseSummaries.Customer::summary).toList());
        BgNbd m = result.model();
        System.out.println("CDNOW BG/NBD " + LifetimeValueTraining.parameters(result.fit()));
        assertEquals("0.243", round(m.r(), 3));
        assertEquals("4.414", round(m.alpha(), 3));
        assertEquals("0.793", round(m.a(), 3));
        assertEquals("2.426", round(m.b(), 3));
        assertEquals("-9582.4", round(result.fit().logLikelihood(), 1));
        for (int i = 0; i < 4; i++) {
            double se = result.fit().standardErrors()[i];
            assertTrue(se > 0 && se < result.fit().estimates()[i], BgNbdFitter.NAMES[i] + " is estimated with a finite error: " + se);
            assertTrue(result.fit().lower95()[i] < result.fit().estimates()[i] && result.fit().estimates()[i] < result.fit().upper95()[i]);
        }
    }

    @Test
    void gammaGammaMatchesThePublishedEstimates() {
        List<GammaGammaFitter.Spend> spend = customers.stream().filter(c -> c.summary().x() > 0)
                .map(c -> new GammaGammaFitter.Spend(c.summary().x(), c.meanRepeatValue())).toList();
        GammaGammaFitter.Result result = new GammaGammaFitter().fit(spend);
        System.out.println("CDNOW Gamma-Gamma " + LifetimeValueTraining.parameters(result.fit()));
        assertEquals(946, result.fit().observations());
        assertEquals("6.25", round(result.model().p(), 2));
        assertEquals("3.74", round(result.model().q(), 2));
        assertEquals("15.44", round(result.model().gamma(), 2));
    }

    private static String round(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
