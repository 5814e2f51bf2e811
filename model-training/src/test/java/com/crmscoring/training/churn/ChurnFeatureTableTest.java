package com.crmscoring.training.churn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.crmscoring.shared.churn.ChurnTable;
import com.crmscoring.shared.domain.Order;
import com.crmscoring.shared.features.FeatureField;
import com.crmscoring.shared.features.ProfileFeatureSource;
import com.crmscoring.shared.retail.OnlineRetailReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trainer reads the Spark job's table as the rows it would have built itself. */
class ChurnFeatureTableTest {

    private static final Path DATA = Path.of(System.getProperty("crm.data.dir", "../../shared/data"), "online-retail.csv.gz");

    @TempDir
    static Path tmp;
    private static List<ChurnDataset.Row> built;
    private static Path table;

    @BeforeAll
    static void writeTheShopsTable() throws Exception {
        assumeTrue(Files.exists(DATA), "the public Online Retail data is absent");
        List<Order> orders = new OnlineRetailReader().read(DATA).orders();
        Instant cutoff = ChurnDataset.observationEnd(orders).minus(ChurnDataset.HORIZON);
        built = ChurnDataset.build(orders, cutoff);
        table = tmp.resolve("features");
        ChurnTableWriter.write(table, ChurnTableWriter.lines(built), 3);
    }

    @Test
    void theTableReadsAsTheRowsTheTrainerBuildsFromTheHistory() throws Exception {
        ChurnFeatureTable.Read read = ChurnFeatureTable.read(table, Long.MAX_VALUE, 1);

        assertEquals(built.size(), read.rows().size());
        assertEquals(built.size(), read.tableRows());
        assertEquals(3, read.files().size(), "the part files, not the _SUCCESS marker");
        assertTrue(!read.sampled());
        Map<String, ChurnFeatureTable.Row> byId = read.rows().stream().collect(Collectors.toMap(ChurnFeatureTable.Row::customerId, r -> r));
        int missing = 0;
        for (ChurnDataset.Row expected : built) {
            ChurnFeatureTable.Row actual = byId.get(expected.profile().customerId());
            ProfileFeatureSource source = new ProfileFeatureSource(expected.profile());
            assertEquals(expected.churned(), actual.churned());
            for (FeatureField field : ChurnDataset.fields()) {
                Object want = source.value(field.name());
                assertEquals(want == null ? null : want instanceof Number n ? n.doubleValue() : want, actual.value(field.name()),
                        expected.profile().customerId() + " " + field.name());
                missing += want == null ? 1 : 0;
            }
        }
        assertTrue(missing > 0, "missing values travel as nulls, and some attributes are missing for one-order customers");
        assertEquals(built.stream().filter(ChurnDataset.Row::churned).count(), read.tableChurned());
    }

    @Test
    void aTableLargerThanTheLimitIsAStratifiedSampleOfExactlyTheLimit() throws Exception {
        ChurnFeatureTable.Read a = ChurnFeatureTable.read(table, 1000, 7);
        ChurnFeatureTable.Read again = ChurnFeatureTable.read(table, 1000, 7);
        ChurnFeatureTable.Read other = ChurnFeatureTable.read(table, 1000, 8);

        assertTrue(a.sampled());
        assertEquals(1000, a.rows().size());
        long churned = a.rows().stream().filter(ChurnFeatureTable.Row::churned).count();
        assertEquals(Math.round(1000.0 * a.tableChurned() / a.tableRows()), churned, "the churned share kept, to a row");
        Set<String> ids = ids(a);
        assertEquals(1000, ids.size(), "without replacement");
        assertTrue(built.stream().map(r -> r.profile().customerId()).collect(Collectors.toSet()).containsAll(ids));
        assertEquals(ids, ids(again), "the seed decides the sample");
        assertNotEquals(ids, ids(other));
        assertNotEquals(a.fingerprint(), ChurnFeatureTable.read(table, Long.MAX_VALUE, 7).fingerprint(), "a sample is other data");
        assertTrue(a.description(7).contains("stratified sample of 1,000 of the " + String.format("%,d", built.size()) + " rows"),
                a.description(7));
        // Spread over the table, not its first rows: every part file contributes.
        Set<String> firstPart = new HashSet<>();
        built.subList(0, built.size() / 3).forEach(r -> firstPart.add(r.profile().customerId()));
        long fromFirst = ids.stream().filter(firstPart::contains).count();
        assertTrue(fromFirst > 250 && fromFirst < 420, "about a third from the first part file: " + fromFirst);
    }

    @Test
    void whatIsNotTheTableIsRefusedByNameWithoutItsContent() throws Exception {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> ChurnFeatureTable.read(tmp.resolve("absent"), 100, 1));
        assertTrue(none.getMessage().contains("no feature table"), none.getMessage());

        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ChurnFeatureTable.read(empty, 100, 1))
                .getMessage().contains("no Parquet file"));

        Path text = Files.createDirectories(tmp.resolve("text"));
        Files.writeString(text.resolve("part-0.parquet"), "customerId,churned\nAnn Smith,true\n");
        IllegalArgumentException notParquet = assertThrows(IllegalArgumentException.class, () -> ChurnFeatureTable.read(text, 100, 1));
        assertTrue(notParquet.getMessage().contains("not a readable Parquet file"), notParquet.getMessage());
        assertTrue(!notParquet.getMessage().contains("Ann"), notParquet.getMessage());

        // Another table: the label but not the attributes.
        MessageType other = Types.buildMessage().required(PrimitiveTypeName.BINARY).named(ChurnTable.CUSTOMER_ID)
                .required(PrimitiveTypeName.BOOLEAN).named(ChurnTable.LABEL).named("spark_schema");
        Path wrong = Files.createDirectories(tmp.resolve("wrong"));
        try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new LocalOutputFile(wrong.resolve("part-0.parquet")))
                .withConf(new PlainParquetConfiguration()).withType(other).build()) {
            w.write(new SimpleGroupFactory(other).newGroup().append(ChurnTable.CUSTOMER_ID, "Ann Smith").append(ChurnTable.LABEL, true));
        }
        IllegalArgumentException notTable = assertThrows(IllegalArgumentException.class, () -> ChurnFeatureTable.read(wrong, 100, 1));
        assertTrue(notTable.getMessage().contains("has no column " + ChurnTable.NUMERIC.getFirst()), notTable.getMessage());
        assertTrue(!notTable.getMessage().contains("Ann"), notTable.getMessage());
    }

    private static Set<String> ids(ChurnFeatureTable.Read read) {
        Set<String> out = new HashSet<>();
        read.rows().forEach(r -> out.add(r.customerId()));
        return out;
    }
}
