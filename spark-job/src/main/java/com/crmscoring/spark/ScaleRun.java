package com.crmscoring.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The job at 1×, 10× and 100× the bundled shop, each in its own JVM on {@code local[2]} as
 * spark-submit would start it in client mode, one after the other in one run: wall time, peak
 * resident memory (the JVM's VmHWM, sampled every 100 ms), and the sizes in and out. Writes a
 * Markdown table for BENCHMARKS.md.
 *
 * <p>{@code ScaleRun <online-retail.csv.gz> <work folder> <heap, e.g. 4g> <factors, e.g. 1,10,100> <JVM options...>}
 */
public final class ScaleRun {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ScaleRun() {
    }

    /** One size's figures. */
    record Figures(int factor, long lines, long orders, long customers, long featureRows, long largest, double seconds,
                   long peakRssKb, long inputBytes, long profilesBytes, long featuresBytes) {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        Path work = Path.of(args[1]);
        String heap = args[2];
        List<Integer> factors = Stream.of(args[3].split(",")).map(String::trim).map(Integer::parseInt).toList();
        List<String> jvmOptions = new ArrayList<>();
        for (int i = 4; i < args.length; i++) {
            for (String o : args[i].trim().split("\\s+")) {
                if (!o.isEmpty()) {
                    jvmOptions.add(o);
                }
            }
        }
        Files.createDirectories(work);
        List<Figures> all = new ArrayList<>();
        for (int factor : factors) {
            Path input = work.resolve("history-" + factor + "x.csv");
            if (!Files.exists(input)) {
                long t = System.nanoTime();
                long lines = SyntheticHistory.write(data, factor, input);
                System.out.printf(Locale.ROOT, "%dx: %,d lines generated in %.0f s%n", factor, lines, (System.nanoTime() - t) / 1e9);
            }
            Path output = work.resolve("out-" + factor + "x");
            delete(output);
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            command.add("-Xmx" + heap);
            command.add("-Dspark.master=local[2]");
            command.add("-Dspark.ui.enabled=false");
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(ProfileJob.class.getName());
            command.add(input.toAbsolutePath().toString());
            command.add(output.toAbsolutePath().toString());
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(work.resolve("run-" + factor + "x.log").toFile());
            pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
            long start = System.nanoTime();
            Process p = pb.start();
            long peak = 0;
            Path status = Path.of("/proc", Long.toString(p.pid()), "status");
            while (p.isAlive()) {
                peak = Math.max(peak, peakRssKb(status));
                Thread.sleep(100);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (p.exitValue() != 0) {
                throw new IllegalStateException(factor + "x: the job failed (exit " + p.exitValue() + "); see " + work.resolve("run-" + factor + "x.log"));
            }
            JsonNode s = JSON.readTree(Files.readString(output.resolve("summary.json")));
            Figures f = new Figures(factor, s.path("linesRead").asLong(), s.path("orders").asLong(), s.path("customers").asLong(),
                    s.path("featureRows").asLong(), s.path("largestCustomerOrders").asLong(), seconds, peak, Files.size(input),
                    size(output.resolve("profiles")), size(output.resolve("features")));
            all.add(f);
            System.out.printf(Locale.ROOT, "%dx: %,d lines in %.1f s, peak RSS %,d MB%n", factor, f.lines(), seconds, peak / 1024);
            delete(output);
        }
        Files.writeString(work.resolve("spark-scale.md"), table(all, heap), StandardCharsets.UTF_8);
        System.out.println(table(all, heap));
    }

    static String table(List<Figures> all, String heap) {
        StringBuilder b = new StringBuilder();
        b.append("| size | lines | orders | customers | training rows | time | lines per second | peak RSS | input CSV | profiles (gzip DynamoDB JSON) | features (Parquet) |\n");
        b.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Figures f : all) {
            b.append(String.format(Locale.ROOT, "| %d× | %,d | %,d | %,d | %,d | %.0f s | %,.0f | %,d MB | %,d MB | %,d MB | %,d MB |%n",
                    f.factor(), f.lines(), f.orders(), f.customers(), f.featureRows(), f.seconds(), f.lines() / f.seconds(),
                    f.peakRssKb() / 1024, f.inputBytes() >> 20, f.profilesBytes() >> 20, f.featuresBytes() >> 20));
        }
        Figures first = all.get(0);
        Figures last = all.get(all.size() - 1);
        b.append(String.format(Locale.ROOT, "%nOne JVM per size, `local[2]`, heap capped at %s. From %d× to %d×: %.0f× the lines in %.1f× the"
                        + " time. The largest customer has %,d orders at every size (copies add customers, not orders per customer).%n",
                heap, first.factor(), last.factor(), (double) last.lines() / first.lines(), last.seconds() / first.seconds(), last.largest()));
        return b.toString();
    }

    private static long peakRssKb(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException gone) {
            // The process ended between the check and the read.
        }
        return 0;
    }

    private static long size(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static void delete(Path folder) throws IOException {
        if (Files.exists(folder)) {
            try (Stream<Path> walk = Files.walk(folder)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
