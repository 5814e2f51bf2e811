package com.crmscoring.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.crmscoring.infra.dynamo.TableDefinitions;
import com.crmscoring.infra.dynamo.TableNames;
import com.crmscoring.infra.load.RetailLoader;
import com.crmscoring.infra.local.LocalDynamoDb;
import com.crmscoring.shared.churn.ChurnExamples;
import com.crmscoring.shared.domain.CustomerAttributes;
import com.crmscoring.shared.domain.Orders;
import com.crmscoring.shared.features.ProfileFeatureSource;
import com.crmscoring.shared.retail.OnlineRetailReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The Spark job on {@code local[2]} against the single-machine loader, on the whole bundled shop:
 * the loader writes into a real DynamoDB Local, the job writes DynamoDB JSON for an import, and the
 * two must hold the same customers with the same items, attribute for attribute (the stored
 * history to the byte), and count the same lines, orders and rejections; from the CSV, from the
 * orders table's export, and from the same history as typed Parquet.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProfileJobTest {

    private static final Path DATA = Path.of(System.getProperty("crm.data.dir", "../../shared/data"), "online-retail.csv.gz");
    private static final Path OUT = Path.of("target", "spark-test");
    private static final Path EXPORT = OUT.resolve("orders-export").resolve("data");
    /** The loader's items and report, for the tests of the other input forms (the full-data test runs first). */
    private static Map<String, Map<String, AttributeValue>> loaderItems;
    private static RetailLoader.Report loaderReport;
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("crm-profiles-test")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "4")
                .getOrCreate();
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    @Order(1)
    void theJobsProfilesAreTheLoadersAttributeForAttribute() throws Exception {
        assumeTrue(Files.exists(DATA), "the public Online Retail data is absent");
        Path out = OUT.resolve("full");
        delete(out);
        ProfileJob.Summary summary = ProfileJob.run(spark, ProfileJob.Format.CSV, DATA.toAbsolutePath().toString(), out.toAbsolutePath().toString(), null);
        Map<String, Map<String, AttributeValue>> fromJob = items(out.resolve("profiles"));

        TableNames tables = new TableNames("crm-profiles-spark-test", "crm-orders-spark-test");
        Map<String, Map<String, AttributeValue>> fromLoader = new HashMap<>();
        RetailLoader.Report loaded;
        try (LocalDynamoDb local = LocalDynamoDb.start(); DynamoDbClient dynamo = local.client()) {
            TableDefinitions.ensureTables(dynamo, tables);
            loaded = new RetailLoader(dynamo, tables, line -> { }).load(DATA, id -> true);
            dynamo.scanPaginator(b -> b.tableName(tables.profiles())).items()
                    .forEach(item -> fromLoader.put(item.get(CustomerAttributes.CUSTOMER_ID).s(), item));
            // The orders table as DynamoDB's export to S3 writes it: gzip files of item lines.
            delete(EXPORT);
            Files.createDirectories(EXPORT);
            try (Writer w = new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(EXPORT.resolve("part-0.json.gz"))),
                    StandardCharsets.UTF_8)) {
                for (Map<String, AttributeValue> item : dynamo.scanPaginator(b -> b.tableName(tables.orders())).items()) {
                    w.write(DynamoDbJson.line(item));
                    w.write('\n');
                }
            }
        }
        loaderItems = fromLoader;
        loaderReport = loaded;

        assertEquals(4372, fromLoader.size(), "the bundled shop's customers");
        assertSameProfiles(fromLoader, fromJob);
        assertEquals(loaded.linesRead(), summary.linesRead());
        assertEquals(loaded.rejectedByReason(), summary.rejectedByReason());
        assertEquals(loaded.linesRejected(), summary.linesRejected());
        assertEquals(loaded.ordersWritten(), summary.orders());
        assertEquals(loaded.cancellationsWritten(), summary.cancellations());
        assertEquals(loaded.profilesWritten(), summary.customers());
        assertEquals(loaded.profilesAsOf().toString(), summary.profilesAsOf());
        assertTrue(Files.readString(out.resolve("summary.json")).contains("\"linesRead\" : " + summary.linesRead()));

        // The training table at the trainer's cut-off (the end of the data less the horizon), row for
        // row what the trainer builds: ChurnDataset.build is this loop over the shop's customers.
        Instant cutoff = loaded.profilesAsOf().minus(ChurnExamples.HORIZON);
        assertEquals(cutoff.toString(), summary.featuresCutoff());
        Map<String, Map<String, Object>> expected = new HashMap<>();
        Orders.byCustomer(new OnlineRetailReader().read(DATA).orders()).forEach((id, orders) ->
                ChurnExamples.of(id, orders, cutoff).ifPresent(x -> {
                    ProfileFeatureSource source = new ProfileFeatureSource(x.profile());
                    Map<String, Object> row = new HashMap<>();
                    CustomerAttributes.NUMERIC.keySet().forEach(name -> row.put(name, source.value(name)));
                    row.put(CustomerAttributes.COUNTRY, source.value(CustomerAttributes.COUNTRY));
                    row.put(FeatureTable.LABEL, x.churned());
                    expected.put(id, row);
                }));
        Map<String, Map<String, Object>> actual = new HashMap<>();
        for (Row r : spark.read().parquet(out.resolve("features").toAbsolutePath().toString()).collectAsList()) {
            Map<String, Object> row = new HashMap<>();
            for (String name : r.schema().fieldNames()) {
                if (!name.equals(FeatureTable.CUSTOMER_ID)) {
                    row.put(name, r.getAs(name));
                }
            }
            assertEquals(null, actual.put(r.getAs(FeatureTable.CUSTOMER_ID), row), "one row per customer");
        }
        assertEquals(expected.size(), summary.featureRows());
        assertEquals(expected.keySet(), actual.keySet(), "the customers who had bought before the cut-off");
        for (Map.Entry<String, Map<String, Object>> e : expected.entrySet()) {
            assertEquals(e.getValue(), actual.get(e.getKey()), "customer " + e.getKey());
        }
        assertEquals(expected.values().stream().filter(r -> (Boolean) r.get(FeatureTable.LABEL)).count(), summary.churned());
    }

    @Test
    @Order(2)
    void theOrdersTablesExportGivesTheSameProfiles() throws Exception {
        assumeTrue(loaderItems != null, "the full-data test ran first");
        Path out = OUT.resolve("from-export");
        delete(out);
        // One malformed line beside the export's items: counted, nothing else lost.
        Files.writeString(EXPORT.resolve("part-1.json"), "{\"Item\": {\"customerId\": {\"S\": \"X1\"}}}\nnot json\n");
        ProfileJob.Summary summary = ProfileJob.run(spark, ProfileJob.Format.DYNAMODB_EXPORT, EXPORT.toAbsolutePath().toString(),
                out.toAbsolutePath().toString(), null);
        assertEquals(loaderReport.ordersWritten() + 2L, summary.linesRead());
        assertEquals(java.util.Map.of("not a DynamoDB JSON item line", 1L, "not an order item: orderId is missing or not a string", 1L),
                summary.rejectedByReason());
        assertEquals(loaderReport.ordersWritten(), summary.orders());
        assertSameProfiles(loaderItems, items(out.resolve("profiles")));
    }

    @Test
    @Order(3)
    void theShopsHistoryAsTypedParquetGivesTheSameProfiles() throws Exception {
        assumeTrue(loaderItems != null, "the full-data test ran first");
        // The shop's file as a data team would keep it: Parquet with typed columns (whole numbers,
        // prices, a timestamp), written by Spark's own CSV reader.
        Path parquet = OUT.resolve("history.parquet");
        delete(parquet);
        spark.read().option("header", "true").option("inferSchema", "true").option("escape", "\"")
                .csv(DATA.toAbsolutePath().toString()).coalesce(1).write().parquet(parquet.toAbsolutePath().toString());
        Path out = OUT.resolve("from-parquet");
        delete(out);
        ProfileJob.Summary summary = ProfileJob.run(spark, ProfileJob.Format.PARQUET, parquet.toAbsolutePath().toString(),
                out.toAbsolutePath().toString(), null);
        assertEquals(loaderReport.linesRead(), summary.linesRead());
        assertEquals(loaderReport.rejectedByReason(), summary.rejectedByReason());
        assertSameProfiles(loaderItems, items(out.resolve("profiles")));
    }

    @Test
    void aBadLineIsCountedUnderTheReadersReasonAndLosesNothingElse() throws Exception {
        // The reader's rules on a small file with one line of each fault, two customers on one
        // invoice among them: the job and the reader must say the same of every line.
        String csv = String.join("\n", String.join(",", OnlineRetailReader.header()),
                "536365,85123A,WHITE HANGING HEART,6,2010-12-01T08:26:00,2.55,17850,United Kingdom",
                "536365,71053,WHITE METAL LANTERN,6,2010-12-01T08:26:00,3.39,17851,United Kingdom",
                "536366,22633,HAND WARMER,six,2010-12-01T08:28:00,1.85,17850,United Kingdom",
                "536367,84879,BIRD ORNAMENT,32,2010-12-01T08:34:00,1.69,,United Kingdom",
                "C536379,D,Discount,-1,2010-12-01T09:41:00,27.5,14527,United Kingdom",
                "536368,22960,\"JAM MAKING SET, WITH JARS\",6,2010-12-01T08:34:00,4.25,13047,United Kingdom",
                "536369,22913,RED COAT RACK,3,not a date,4.95,13047,United Kingdom",
                "536370,22728,\"ALARM CLOCK,PINK\",24,2010-12-01T08:45:00,-3.75,12583,France",
                "536371,22086,too,few,columns",
                "");
        Path in = OUT.resolve("faults.csv");
        Files.createDirectories(OUT);
        Files.writeString(in, csv);
        Path out = OUT.resolve("faults");
        delete(out);
        ProfileJob.Summary summary = ProfileJob.run(spark, ProfileJob.Format.CSV, in.toAbsolutePath().toString(), out.toAbsolutePath().toString(),
                Instant.parse("2010-09-01T00:00:00Z"));
        OnlineRetailReader.Result read = new OnlineRetailReader().read(in);
        assertEquals(read.linesRead(), summary.linesRead());
        assertEquals(read.linesAccepted(), summary.linesAccepted());
        assertEquals(read.rejected(), summary.rejectedByReason());
        assertEquals(read.orders().size(), summary.orders());
        assertEquals(read.orders().stream().map(o -> o.customerId()).distinct().count(), summary.customers());
        assertEquals(summary.customers(), items(out.resolve("profiles")).size());
    }

    @Test
    void aFileThatIsNotTheShopsExportIsRefusedByName() throws Exception {
        Path in = OUT.resolve("not-retail.csv");
        Files.createDirectories(OUT);
        Files.writeString(in, "id,name\n1,Ann\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProfileJob.run(spark, ProfileJob.Format.CSV, in.toAbsolutePath().toString(),
                        OUT.resolve("refused").toAbsolutePath().toString(), null));
        assertTrue(e.getMessage().contains("expected the Online Retail header"), e.getMessage());
        assertTrue(!e.getMessage().contains("Ann"), "no content of the file in the message");
    }

    /** The same customers, each with the same item, attribute for attribute. */
    private static void assertSameProfiles(Map<String, Map<String, AttributeValue>> expected,
                                           Map<String, Map<String, AttributeValue>> actual) {
        assertEquals(expected.keySet(), actual.keySet(), "the same customers");
        for (Map.Entry<String, Map<String, AttributeValue>> e : expected.entrySet()) {
            assertEquals(canonical(e.getValue()), canonical(actual.get(e.getKey())), "customer " + e.getKey());
        }
    }

    /**
     * An item with its numbers in one form: DynamoDB stores a number, not its text, and gives back
     * 0.0009 for the 9.0E-4 that was written (as the import will), so numbers compare by value.
     */
    private static Map<String, AttributeValue> canonical(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> out = new HashMap<>();
        item.forEach((k, v) -> out.put(k, canonical(v)));
        return out;
    }

    private static AttributeValue canonical(AttributeValue v) {
        return switch (v.type()) {
            case N -> AttributeValue.fromN(new BigDecimal(v.n()).stripTrailingZeros().toPlainString());
            case M -> AttributeValue.fromM(canonical(v.m()));
            case L -> AttributeValue.fromL(v.l().stream().map(ProfileJobTest::canonical).toList());
            case NS -> AttributeValue.fromNs(v.ns().stream().map(n -> new BigDecimal(n).stripTrailingZeros().toPlainString()).sorted().toList());
            default -> v;
        };
    }

    /** The job's import files, read back as items by customer. */
    private static Map<String, Map<String, AttributeValue>> items(Path folder) throws IOException {
        Map<String, Map<String, AttributeValue>> out = new HashMap<>();
        List<Path> parts;
        try (Stream<Path> files = Files.list(folder)) {
            parts = files.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList();
        }
        assertTrue(!parts.isEmpty(), "the job wrote its import files");
        for (Path part : parts) {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(part)),
                    StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    Map<String, AttributeValue> item = DynamoDbJson.item(line);
                    Map<String, AttributeValue> before = out.put(item.get(CustomerAttributes.CUSTOMER_ID).s(), item);
                    assertEquals(null, before, "one item per customer");
                }
            }
        }
        return out;
    }

    private static void delete(Path folder) throws IOException {
        if (Files.exists(folder)) {
            List<Path> all = new ArrayList<>();
            try (Stream<Path> walk = Files.walk(folder)) {
                walk.forEach(all::add);
            }
            for (int i = all.size() - 1; i >= 0; i--) {
                Files.delete(all.get(i));
            }
        }
    }
}
