package com.crmscoring.scoring.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.onnxruntime.OrtEnvironment;
import com.crmscoring.scoring.config.ScoringFactory;
import com.crmscoring.shared.domain.Order;
import com.crmscoring.shared.retail.OnlineRetailReader;
import com.crmscoring.testkit.DynamoDbLocalResource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The drift code on the real shop: its customers of the first quarter of 2011 against those of the
 * last. A period against itself is no drift at all, to the last bin (the reference is cut and
 * counted by the same code); the last quarter, Christmas trade, has moved where a shop's customers
 * move before Christmas.
 */
class PeriodDriftTest {

    static final PeriodDrift.Period Q1 = new PeriodDrift.Period("2011 Q1", Instant.parse("2011-01-01T00:00:00Z"),
            Instant.parse("2011-04-01T00:00:00Z"));
    /** To the end of the data (9 December 2011). */
    static final PeriodDrift.Period Q4 = new PeriodDrift.Period("2011 Q4", Instant.parse("2011-10-01T00:00:00Z"),
            Instant.parse("2011-12-10T00:00:00Z"));

    private static List<Order> orders;
    private static ScoringFactory scoring;

    @BeforeAll
    static void read() throws Exception {
        assumeTrue(DynamoDbLocalResource.realDataPresent(), "the public Online Retail data is absent");
        orders = new OnlineRetailReader().read(DynamoDbLocalResource.DATA).orders();
        scoring = new ScoringFactory(id -> Optional.empty(), null, null, OrtEnvironment::getEnvironment, ScoringFactory.Settings.defaults());
    }

    @AfterAll
    static void close() {
        if (scoring != null) {
            scoring.close();
        }
    }

    @Test
    void aPeriodAgainstItselfIsNoDrift() {
        DriftReport same = PeriodDrift.compare(orders, Q1, Q1, scoring);
        for (DriftReport.ModelDrift m : same.models()) {
            assertEquals(0, m.score().psi(), 0, m.model());
            m.attributes().forEach(a -> assertEquals(0, a.psi(), 0, m.model() + "." + a.name()));
        }
    }

    @Test
    void theLastQuarterAgainstTheFirst() throws Exception {
        DriftReport report = PeriodDrift.compare(orders, Q1, Q4, scoring);
        long q4Customers = orders.stream().filter(o -> !o.cancellation() && !o.orderedAt().isBefore(Q4.from())
                && o.orderedAt().isBefore(Q4.to())).map(Order::customerId).distinct().count();
        assertEquals(q4Customers, report.customers(), "every customer who bought in the quarter");
        assertEquals(5, report.models().size());
        // Fraud screening over the quarter's purchase orders, each against its customer's history before it.
        long q4Orders = orders.stream().filter(o -> !o.cancellation() && !o.orderedAt().isBefore(Q4.from())
                && o.orderedAt().isBefore(Q4.to())).count();
        DriftReport.ModelDrift fraud = report.models().get(4);
        assertEquals(List.of("fraud-anomaly", "orders"), List.of(fraud.model(), fraud.population()));
        assertEquals(q4Orders, fraud.rows());
        assertEquals(q4Orders, report.orders());
        assertEquals(Q4.from().toString(), report.ordersSince());
        DriftReport.ModelDrift offers = report.models().get(3);
        assertEquals("next-best-offer", offers.model());
        // Before Christmas, the share of Christmas goods in what customers buy moves: a shift to act on.
        double christmas = offers.attributes().stream().filter(a -> a.name().equals("familyShare.christmas")).findFirst().orElseThrow().psi();
        assertTrue(christmas >= DriftReport.ACT, "Christmas goods' share, Q4 against Q1: " + christmas);
        Path out = Path.of("target", "drift-2011-q1-q4");
        List<String> written = DriftReports.write(report, DriftReports.folder(out));
        assertTrue(Files.readString(out.resolve(written.get(1))).contains("2011 Q1"));
        // What the README quotes: each model's score index and its three most moved attributes.
        try (Stream<DriftReport.ModelDrift> models = report.models().stream()) {
            models.forEach(m -> System.out.printf("%-16s score PSI %.3f (%s); %s%n", m.model(), m.score().psi(), m.score().level(),
                    m.attributes().subList(0, 3).stream().map(a -> String.format("%s %.3f", a.name(), a.psi())).toList()));
        }
    }
}
