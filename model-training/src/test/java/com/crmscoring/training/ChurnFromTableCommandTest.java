package com.crmscoring.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.crmscoring.shared.domain.Order;
import com.crmscoring.shared.retail.OnlineRetailReader;
import com.crmscoring.training.churn.ChurnDataset;
import com.crmscoring.training.churn.ChurnTableWriter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train churn --features-table}: the shop's churn model from the Spark job's tables. */
class ChurnFromTableCommandTest {

    private static final Path DATA = Path.of(System.getProperty("crm.data.dir", "../../shared/data"), "online-retail.csv.gz");

    @TempDir
    Path tmp;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    private int run(String... args) {
        return new TrainCommand(new PrintStream(printed, true, StandardCharsets.UTF_8)).run(args);
    }

    @Test
    void aSampledTableTrainsAndPublishesTheModelWithTheSampleInItsCard() throws Exception {
        assumeTrue(Files.exists(DATA), "the public Online Retail data is absent");
        List<Order> orders = new OnlineRetailReader().read(DATA).orders();
        Instant cutoff = ChurnDataset.observationEnd(orders).minus(ChurnDataset.HORIZON);
        Path table = tmp.resolve("features");
        Path earlier = tmp.resolve("features-earlier");
        ChurnTableWriter.write(table, ChurnTableWriter.lines(ChurnDataset.build(orders, cutoff)), 2);
        ChurnTableWriter.write(earlier, ChurnTableWriter.lines(ChurnDataset.build(orders, cutoff.minus(ChurnDataset.HORIZON))), 2);
        Path out = tmp.resolve("models");

        int status = run("churn", "--features-table", table.toString(), "--earlier-table", earlier.toString(), "--max-rows", "1500",
                "--folds", "3", "--out", out.toString());

        String log = printed.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, log);
        assertTrue(Files.size(out.resolve("churn.onnx")) > 0);
        String card = Files.readString(out.resolve("churn.card.md"));
        assertTrue(card.contains("stratified sample of 1,500"), card);
        assertTrue(card.contains("--max-rows 1,500"), card);
        assertTrue(log.contains("out-of-time ROC AUC"), log);
        assertTrue(Files.readString(out.resolve("churn.card.json")).contains("outOfTime.rocAuc"));
    }

    @Test
    void aTableAndAnOrderFileTogetherOrNeitherOrAnEarlierTableAloneAreRefused() throws Exception {
        Path out = tmp.resolve("models");
        Path absent = tmp.resolve("absent");
        assertEquals(2, run("churn", "--out", out.toString()));
        assertEquals(2, run("churn", "--orders", DATA.toString(), "--features-table", absent.toString(), "--out", out.toString()));
        assertEquals(2, run("churn", "--orders", DATA.toString(), "--earlier-table", absent.toString(), "--out", out.toString()));
        assertEquals(2, run("churn", "--features-table", absent.toString(), "--out", out.toString()));
        assertEquals(2, run("churn", "--features-table", absent.toString(), "--max-rows", "1", "--out", out.toString()));
        // (The messages go to standard error; ChurnFeatureTableTest checks the table's.)
        assertFalse(Files.exists(out.resolve("churn.onnx")), "nothing published");
    }
}
