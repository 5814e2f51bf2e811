package com.crmscoring.training.churn;

import com.crmscoring.shared.domain.Order;
import com.crmscoring.shared.retail.OnlineRetailReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetWriter;

/**
 * Where the single-machine churn trainer stops: the shop's churn table at its cut-off, repeated
 * k times with new customer ids (the copies carry the same attributes, so the data is no harder
 * to learn, only larger), written as the Spark job's Parquet table and trained by {@code train
 * churn --features-table} in a fresh JVM per size, with every row kept. Each run reports its
 * time, its peak resident memory (VmHWM, sampled every 100 ms) and its largest heap after a
 * collection (from the GC log): the memory the rows and the fits need, which grows with the rows.
 *
 * <p>{@code ./mvnw -Ptrainer-scale verify -pl model-training}; the table goes to
 * {@code target/trainer-scale/report.md}.
 */
public final class TrainerScaleRun {

    private static final Pattern AFTER_GC = Pattern.compile("->(\\d+)M\\(");

    private TrainerScaleRun() {
    }

    /** Arguments: the Online Retail file, the work folder, the child's heap (e.g. 20g), the factors (e.g. 1,4,16). */
    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        Path work = Path.of(args[1]);
        String heap = args[2];
        List<Integer> factors = Stream.of(args[3].split(",")).map(String::trim).map(Integer::parseInt).toList();
        List<Order> orders = new OnlineRetailReader().read(data).orders();
        Instant cutoff = ChurnDataset.observationEnd(orders).minus(ChurnDataset.HORIZON);
        List<ChurnTableWriter.Line> base = ChurnTableWriter.lines(ChurnDataset.build(orders, cutoff));
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
                "| rows | table (Parquet) | time | rows per second | peak RSS | largest heap after GC |%n|---|---|---|---|---|---|%n"));
        for (int k : factors) {
            Path table = work.resolve(k + "x").resolve("features");
            long rows = (long) k * base.size();
            if (!Files.exists(table)) {
                write(table, base, k);
            }
            Path out = work.resolve(k + "x").resolve("models");
            Path gc = work.resolve(k + "x").resolve("gc.log");
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx" + heap, "-Xlog:gc:file=" + gc, "--enable-native-access=ALL-UNNAMED",
                    "-Djava.io.tmpdir=" + work.toAbsolutePath(), "-cp", System.getProperty("java.class.path"),
                    "com.crmscoring.training.TrainCommand", "churn", "--features-table", table.toString(),
                    "--max-rows", Long.toString(rows), "--out", out.toString()));
            Path log = work.resolve(k + "x").resolve("train.log");
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            long start = System.nanoTime();
            long peakKb = 0;
            Path status = Path.of("/proc", Long.toString(p.pid()), "status");
            while (p.isAlive()) {
                peakKb = Math.max(peakKb, hwm(status));
                Thread.sleep(100);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (p.exitValue() != 0) {
                System.out.printf(Locale.ROOT, "%dx (%,d rows): failed with status %d after %.0f s, see %s%n", k, rows, p.exitValue(), seconds, log);
                report.append(String.format(Locale.ROOT, "| %,d | | failed (%d) after %.0f s | | %,d MB | |%n", rows, p.exitValue(), seconds, peakKb / 1024));
                break;
            }
            long heapAfterGc = 0;
            for (String line : Files.readAllLines(gc)) {
                Matcher m = AFTER_GC.matcher(line);
                if (m.find()) {
                    heapAfterGc = Math.max(heapAfterGc, Long.parseLong(m.group(1)));
                }
            }
            System.out.printf(Locale.ROOT, "%dx: %,d rows in %.1f s, peak RSS %,d MB, heap after GC at most %,d MB%n", k, rows, seconds,
                    peakKb / 1024, heapAfterGc);
            report.append(String.format(Locale.ROOT, "| %,d | %.1f MB | %.0f s | %,.0f | %,d MB | %,d MB |%n", rows, size(table) / 1e6,
                    seconds, rows / seconds, peakKb / 1024, heapAfterGc));
            // After each size: a long run stopped part-way keeps what it measured.
            Files.writeString(work.resolve("report.md"), report);
        }
        Files.writeString(work.resolve("report.md"), report);
        System.out.print(report);
    }

    /** k copies of the table, the i-th with ids suffixed "-i", in part files of up to 100,000 rows. */
    private static void write(Path table, List<ChurnTableWriter.Line> base, int k) throws IOException {
        Files.createDirectories(table);
        int part = 0;
        long inPart = 0;
        ParquetWriter<Group> w = ChurnTableWriter.open(table.resolve(String.format("part-%05d.snappy.parquet", part)));
        try {
            for (int copy = 0; copy < k; copy++) {
                for (ChurnTableWriter.Line line : base) {
                    if (inPart == 100_000) {
                        w.close();
                        w = ChurnTableWriter.open(table.resolve(String.format("part-%05d.snappy.parquet", ++part)));
                        inPart = 0;
                    }
                    w.write(ChurnTableWriter.group(line.customerId() + "-" + copy, line.source(), line.churned()));
                    inPart++;
                }
            }
        } finally {
            w.close();
        }
    }

    private static long hwm(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // The process ended between the check and the read.
        }
        return 0;
    }

    private static long size(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.mapToLong(f -> f.toFile().length()).sum();
        }
    }
}
