package com.crmscoring.scoring.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.onnxruntime.OrtEnvironment;
import com.crmscoring.infra.dynamo.TableDefinitions;
import com.crmscoring.infra.load.RetailLoader;
import com.crmscoring.infra.local.LocalDynamoDb;
import com.crmscoring.scoring.config.ScoringFactory;
import com.crmscoring.scoring.observe.EmbeddedMetrics;
import com.crmscoring.shared.aggregates.CustomerHistory;
import com.crmscoring.shared.domain.Order;
import com.crmscoring.shared.domain.OrderLine;
import com.crmscoring.shared.model.DriftReference;
import com.crmscoring.shared.model.ServedModel;
import com.crmscoring.shared.offers.OfferCatalogue;
import com.crmscoring.shared.retail.OnlineRetailReader;
import com.crmscoring.storage.orders.OrderItemMapper;
import com.crmscoring.storage.profile.ProfileItemMapper;
import com.crmscoring.storage.profile.ProfileScan;
import com.crmscoring.testkit.DynamoDbLocalResource;
import com.crmscoring.testkit.EmbeddedMetricFormat;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The drift job over the whole bundled shop in DynamoDB Local: every profile read by the bounded
 * parallel scan, the opted-out one left out, every model's score and attributes compared with the
 * population its file carries; a year on, with no new order, the customers have drifted further
 * (they are older, and the job describes them at the run's instant).
 */
class DriftJobTest {

    private static final Instant END_OF_DATA = Instant.parse("2011-12-10T00:00:00Z");
    private static final String OPTED_OUT = "DRIFT-OPTED-OUT";
    private static final Duration WINDOW = Duration.ofDays(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalDynamoDb local;
    private static DynamoDbClient dynamo;
    private static ScoringFactory scoring;
    private static long loaded;
    /** The bundled shop's orders, as read from its file. */
    private static List<Order> shopOrders;

    @BeforeAll
    static void load() throws Exception {
        assumeTrue(DynamoDbLocalResource.realDataPresent(), "the public Online Retail data is absent");
        shopOrders = new OnlineRetailReader().read(DynamoDbLocalResource.DATA).orders();
        local = LocalDynamoDb.start();
        dynamo = local.client();
        TableDefinitions.ensureTables(dynamo, DynamoDbLocalResource.TABLES);
        RetailLoader.Report report = new RetailLoader(dynamo, DynamoDbLocalResource.TABLES, line -> { })
                .load(DynamoDbLocalResource.DATA, id -> true);
        OfferCatalogue catalogue = OfferCatalogue.loadDefault();
        // Fraud screening covers every order, an objector's too: their order of the last month is compared.
        Order objectorsOrder = new Order("D1", OPTED_OUT, Instant.parse("2011-12-01T10:00:00Z"), "United Kingdom", false,
                List.of(new OrderLine("85123A", "a", 6, 2.55)));
        CustomerHistory history = CustomerHistory.of(List.of(objectorsOrder), null, catalogue);
        dynamo.putItem(b -> b.tableName(DynamoDbLocalResource.TABLES.orders()).item(new OrderItemMapper().toItem(objectorsOrder)));
        dynamo.putItem(b -> b.tableName(DynamoDbLocalResource.TABLES.profiles())
                .item(new ProfileItemMapper().toItem(OPTED_OUT, history, catalogue, true, END_OF_DATA)));
        loaded = report.profilesWritten() + 1;
        assertEquals(4372, report.profilesWritten(), "the bundled shop's customers: " + report);
        scoring = ScoringFactory.dynamoDb(dynamo, DynamoDbLocalResource.TABLES.profiles(), DynamoDbLocalResource.TABLES.orders(),
                OrtEnvironment::getEnvironment, ScoringFactory.Settings.defaults().withClock(Clock.fixed(END_OF_DATA, ZoneOffset.UTC)));
    }

    @AfterAll
    static void stop() {
        if (scoring != null) {
            scoring.close();
        }
        if (dynamo != null) {
            dynamo.close();
        }
        if (local != null) {
            local.close();
        }
    }

    @Test
    void everyProfileIsComparedWithEachModelsTrainingPopulation() throws Exception {
        DriftJob.Result result = scoring.drift(new ProfileScan.Limits(4, 2, 100, 1_000_000), END_OF_DATA, WINDOW, DriftJob.OrderSource.DEFAULT_MAX_ORDERS);
        DriftReport report = result.report();
        assertEquals(loaded, result.scan().profiles(), "every profile read once");
        assertTrue(result.scan().pages() >= loaded / 100, "pages of at most 100: " + result.scan());
        assertEquals(1, report.optedOut(), "the customer who objected to profiling is left out");
        assertEquals(loaded - 1, report.customers());
        assertEquals(List.of(ServedModel.CHURN, ServedModel.SEGMENTS, ServedModel.LIFETIME_VALUE, ServedModel.NEXT_BEST_OFFER,
                ServedModel.FRAUD_ANOMALY).stream().map(ServedModel::modelName).toList(),
                report.models().stream().map(DriftReport.ModelDrift::model).toList());
        assertEquals(List.of(), report.nothingToCompare());

        // The orders of the month before the run: every purchase order of the shop's data placed in
        // it, and the objector's, each against its customer's history before it.
        Instant since = END_OF_DATA.minus(WINDOW);
        long inWindow = shopOrders.stream()
                .filter(o -> !o.cancellation() && !o.orderedAt().isBefore(since) && o.orderedAt().isBefore(END_OF_DATA)).count();
        assertEquals(inWindow + 1, report.orders(), "every purchase order of the window, the objector's included");
        assertTrue(!report.ordersSampled(), "fewer than enough: all of them");
        assertEquals(since.toString(), report.ordersSince());
        DriftReport.ModelDrift fraud = report.models().get(4);
        assertEquals("orders", fraud.population());
        assertEquals(report.orders(), fraud.rows());
        // Reading those orders is charged to the scan's rate, beside the profiles' pages.
        ProfileScan.Summary profilesOnly = new ProfileScan(dynamo, DynamoDbLocalResource.TABLES.profiles())
                .scan(new ProfileScan.Limits(4, 2, 100, 1_000_000), page -> 0);
        assertTrue(result.scan().readUnits() > profilesOnly.readUnits(), result.scan() + " against " + profilesOnly);
        for (DriftReport.ModelDrift m : report.models()) {
            ServedModel served = Arrays.stream(ServedModel.values()).filter(v -> v.modelName().equals(m.model())).findFirst().orElseThrow();
            DriftReference reference = scoring.model(served).metadata().drift();
            assertEquals(reference.attributes().keySet(), m.attributes().stream().map(DriftReport.Index::name).collect(Collectors.toSet()),
                    m.model() + ": every attribute the model reads");
            assertTrue(m.rows() > 0 && (m.population().equals("orders") || m.rows() <= report.customers()), m.model() + " scored " + m.rows());
            for (DriftReport.Index index : concat(m.score(), m.attributes())) {
                assertEquals(1.0, Arrays.stream(index.expected()).sum(), 1e-9, m.model() + "." + index.name());
                assertEquals(1.0, Arrays.stream(index.actual()).sum(), 1e-9, m.model() + "." + index.name());
                assertEquals(DriftReference.psi(index.expected(), index.actual()), index.psi(), 1e-12);
                assertTrue(index.psi() >= 0 && Double.isFinite(index.psi()), m.model() + "." + index.name() + " " + index.psi());
            }
        }
        // Churn is trained on customers as of its cut-off, who are the shop's customers: at the end of
        // the same data, most of them are still alike (a real shift would mean a broken pipeline).
        assertTrue(report.models().get(0).score().psi() < DriftReport.ACT, "churn score at the end of its own data: " + report.models().get(0).score());

        // The report and its page, and the metrics in the embedded metric format.
        Path out = Path.of("target", "drift-test");
        List<String> written = DriftReports.write(report, DriftReports.folder(out));
        JsonNode json = JSON.readTree(out.resolve(written.get(0)).toFile());
        assertEquals(report.customers(), json.path("customers").asLong());
        String page = Files.readString(out.resolve(written.get(1)));
        assertTrue(page.contains("<svg") && page.contains("id=\"chart-churn-score\""), "the page charts each score");
        assertTrue(!page.contains("12347") && !json.toString().contains("12347"), "no customer is named");
        List<String> documents = new EmbeddedMetrics("CrmScoring/test").drift(report, System.currentTimeMillis());
        for (String doc : documents) {
            assertEquals(List.of(), EmbeddedMetricFormat.problems(JSON.readTree(doc), doc), doc);
        }
        assertEquals(report.models().size() + report.models().stream().mapToInt(m -> m.attributes().size()).sum(), documents.size());
    }

    @Test
    void enoughOrdersAreASampleThatCostsLess() {
        int enough = 500;
        int threads = 2;
        DriftJob.Result all = scoring.drift(new ProfileScan.Limits(4, threads, 100, 1_000_000), END_OF_DATA, WINDOW,
                DriftJob.OrderSource.DEFAULT_MAX_ORDERS);
        DriftJob.Result sample = scoring.drift(new ProfileScan.Limits(4, threads, 100, 1_000_000), END_OF_DATA, WINDOW, enough);
        assertTrue(sample.report().ordersSampled());
        // Each thread checks the count before it reads a customer's orders, so the sample overshoots
        // by at most one customer's orders per thread.
        Instant since = END_OF_DATA.minus(WINDOW);
        long mostByOneCustomer = shopOrders.stream()
                .filter(o -> !o.cancellation() && !o.orderedAt().isBefore(since) && o.orderedAt().isBefore(END_OF_DATA))
                .collect(Collectors.groupingBy(Order::customerId, Collectors.counting())).values().stream().mapToLong(n -> n).max().orElseThrow();
        long sampled = sample.report().orders();
        assertTrue(sampled >= enough && sampled <= enough + threads * mostByOneCustomer, sampled + " orders for " + enough);
        assertEquals(sampled, sample.report().models().get(4).rows());
        assertTrue(sample.scan().readUnits() < all.scan().readUnits(), sample.scan() + " against " + all.scan());
        // The customer models still see everyone.
        assertEquals(all.report().customers(), sample.report().customers());
    }

    @Test
    void aYearWithoutOrdersIsDrift() {
        // The same customers, described a year on: no one has ordered since, so recency has grown
        // for everyone and the churn model sees a population unlike the one it learnt from.
        Instant yearOn = END_OF_DATA.plusSeconds(365L * 86_400);
        DriftReport now = scoring.drift(new ProfileScan.Limits(2, 2, 500, 1_000_000), END_OF_DATA, WINDOW, DriftJob.OrderSource.DEFAULT_MAX_ORDERS).report();
        DriftReport later = scoring.drift(new ProfileScan.Limits(2, 2, 500, 1_000_000), yearOn, WINDOW, DriftJob.OrderSource.DEFAULT_MAX_ORDERS).report();
        Map<String, Double> recencyNow = attribute(now, "recencyDays");
        Map<String, Double> recencyLater = attribute(later, "recencyDays");
        assertTrue(recencyLater.get("churn") > DriftReport.ACT && recencyLater.get("churn") > recencyNow.get("churn"),
                "recency a year on: " + recencyLater + " against " + recencyNow);
        assertTrue(later.models().get(0).score().psi() > now.models().get(0).score().psi(),
                "churn scores a year on: " + later.models().get(0).score() + " against " + now.models().get(0).score());
        // No order in the month before: nothing to compare fraud screening with, which is not drift.
        assertEquals(0, later.orders());
        assertEquals(List.of(ServedModel.FRAUD_ANOMALY.modelName()), later.nothingToCompare());
        assertTrue(later.models().stream().noneMatch(m -> m.population().equals("orders")));
    }

    @Test
    void theScanKeepsToItsReadRate() {
        ProfileScan scan = new ProfileScan(dynamo, DynamoDbLocalResource.TABLES.profiles());
        ProfileScan.Summary free = scan.scan(new ProfileScan.Limits(4, 2, 100, 1_000_000), page -> 0);
        assertTrue(free.readUnits() > 0, "DynamoDB reports, or the scan estimates, what each page consumed");
        // Held to half of what it consumes per second of a full scan's worth: it must take two seconds
        // at least. The wait follows every page, the last one too, so this bound is exact; sleeping
        // can only make it longer.
        double rate = free.readUnits() / 2;
        ProfileScan.Summary held = scan.scan(new ProfileScan.Limits(4, 2, 100, rate), page -> 0);
        assertEquals(free.profiles(), held.profiles());
        assertTrue(held.elapsed().toMillis() >= 2000 * held.readUnits() / free.readUnits() - 1, held + " at " + rate + " units a second");
        assertEquals(loaded, held.profiles() + held.erased());
    }

    private static Map<String, Double> attribute(DriftReport report, String name) {
        return report.models().stream().flatMap(m -> m.attributes().stream().filter(a -> a.name().equals(name))
                .map(a -> Map.entry(m.model(), a.psi()))).collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static List<DriftReport.Index> concat(DriftReport.Index first, List<DriftReport.Index> rest) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(first), rest.stream()).toList();
    }
}
