package com.crmscoring.bench;

import com.crmscoring.infra.dynamo.TableDefinitions;
import com.crmscoring.infra.dynamo.TableNames;
import com.crmscoring.infra.load.RetailLoader;
import com.crmscoring.infra.local.LocalDynamoDb;
import com.crmscoring.shared.aggregates.CustomerHistory;
import com.crmscoring.shared.domain.Order;
import com.crmscoring.shared.domain.Orders;
import com.crmscoring.shared.model.DeepStack;
import com.crmscoring.shared.offers.OfferCatalogue;
import com.crmscoring.shared.retail.OnlineRetailReader;
import com.crmscoring.storage.ItemSize;
import com.crmscoring.storage.profile.ProfileItemAttributes;
import com.crmscoring.storage.profile.ProfileItemMapper;
import com.crmscoring.testkit.CustomRuntimePackage;
import com.crmscoring.testkit.DynamoDbLocalResource;
import com.crmscoring.testkit.LambdaTemplate;
import com.crmscoring.testkit.PackagedLambda;
import com.crmscoring.testkit.RuntimeApiServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Every benchmark of BENCHMARKS.md in one run, printed as Markdown tables: in-process scoring
 * (JMH), the packaged functions under the real Lambda runtime interface client against DynamoDB
 * Local (latency, cold start, throughput, memory), package sizes, and the Python scikit-learn
 * peer. Arguments: {@code <data-dir> <output.md>}. {@code -Dbench.quick=true} shortens every
 * section (for trying the command, not for figures).
 */
public final class BenchmarkCommand {

    private static final boolean QUICK = Boolean.getBoolean("bench.quick");
    /** Only the cold-start lines whose label contains this (-Dbench.cold.only=...): for iterating on start-up. */
    private static final String COLD_ONLY = System.getProperty("bench.cold.only", "");
    /** The sections to run (-Dbench.sections=jmh,runtime,cold,packages,peer, all by default). */
    private static final java.util.Set<String> SECTIONS =
            java.util.Set.of(System.getProperty("bench.sections", "jmh,runtime,cold,packages,peer").split(","));
    private static final Path FUNCTIONS_ZIP = Path.of("../functions/target/function.zip");
    private static final Path HTTP_ZIP = Path.of("../http-api/target/function.zip");
    /** The custom-runtime packages (provided.al2023, their own JVM and AOT cache: CustomRuntimePackage). */
    private static final Path FUNCTIONS_CUSTOM_ZIP = Path.of("../functions/target/function-custom-runtime.zip");
    private static final Path HTTP_CUSTOM_ZIP = Path.of("../http-api/target/function-custom-runtime.zip");
    /** Warm invocations after each cold start's first answer, for the warm percentiles. */
    private static final int WARM_INVOKES = 200;
    private static final Path WORK = Path.of("target/bench");
    private static final String FUNQY = PackagedLambda.FUNQY_HANDLER;
    private static final String HTTP = PackagedLambda.HTTP_HANDLER;
    /** What template.yaml gives the JVM (JAVA_TOOL_OPTIONS, the ONNX Runtime layer as the build made it). */
    private static final Map<String, String> DEPLOYED = LambdaTemplate.environment(Path.of(".."));
    /** The same without the layer: ONNX Runtime extracts its natives from the jar. */
    private static final Map<String, String> NO_LAYER = Map.of("JAVA_TOOL_OPTIONS", DEPLOYED.get("JAVA_TOOL_OPTIONS"));

    private final Path dataDir;
    private final StringBuilder md = new StringBuilder();
    private final Map<String, Double> peakRssMb = new java.util.LinkedHashMap<>();

    private BenchmarkCommand(Path dataDir) {
        this.dataDir = dataDir;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: BenchmarkCommand <data-dir> <output.md>");
            System.exit(2);
        }
        Path data = Path.of(args[0]);
        Path out = Path.of(args[1]);
        if (!Files.exists(data.resolve("online-retail.csv.gz"))) {
            System.err.println("error: " + data.toAbsolutePath() + " has no online-retail.csv.gz");
            System.exit(2);
        }
        // The in-process section alone (-Dbench.sections=jmh) needs no packages.
        boolean packaged = !SECTIONS.equals(java.util.Set.of("jmh"));
        for (Path zip : List.of(FUNCTIONS_ZIP, HTTP_ZIP, FUNCTIONS_CUSTOM_ZIP, HTTP_CUSTOM_ZIP)) {
            if (packaged && !Files.exists(zip)) {
                System.err.println("error: " + zip + " is missing: run ./mvnw -Pbenchmarks verify from the project root");
                System.exit(2);
            }
        }
        try {
            DeepStack.run("benchmarks", () -> {
                BenchmarkCommand command = new BenchmarkCommand(data);
                command.run();
                Files.createDirectories(out.toAbsolutePath().getParent());
                Files.writeString(out, command.md.toString());
                System.out.println("\nwritten to " + out.toAbsolutePath());
                return null;
            });
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    private void run() throws Exception {
        Files.createDirectories(WORK);
        line("# Benchmark results");
        line("");
        line("Produced by `./mvnw -Pbenchmarks verify` (`BenchmarkCommand`) on "
                + LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")) + " UTC"
                + (QUICK ? " in QUICK mode (short runs: not for figures)" : "") + ".");
        line("");
        line("Machine: " + Runtime.getRuntime().availableProcessors() + " cores (" + cpuModel() + "), "
                + "JDK " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + "), "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ". Shared and noisy: compare medians and ratios, not single runs.");
        line("");
        java.util.Set<String> sections = SECTIONS;
        Path peerCsv = WORK.resolve("churn-rows.csv");
        PythonPeer peer = new PythonPeer(dataDir, WORK);
        Map<String, Stats> jmh = sections.contains("jmh") ? inProcess() : Map.of();
        PackagedLambda.unpack(FUNCTIONS_ZIP, WORK.resolve("functions"));
        PackagedLambda.unpack(HTTP_ZIP, WORK.resolve("http-api"));
        PackagedLambda.unpack(FUNCTIONS_CUSTOM_ZIP, WORK.resolve("functions-custom"));
        PackagedLambda.unpack(HTTP_CUSTOM_ZIP, WORK.resolve("http-api-custom"));
        if (sections.contains("runtime")) {
            runtimePath();
        }
        if (sections.contains("cold")) {
            coldStart();
        }
        if (sections.contains("packages")) {
            packages();
            profileItems();
        }
        if (sections.contains("peer")) {
            peer.writeRows(peerCsv);
            peer.compare(md, peerCsv, jmh.get("churnBareOnnxOne"), coldRuns());
        }
    }

    // ---------------------------------------------------------------- in-process (JMH)

    private Map<String, Stats> inProcess() throws Exception {
        System.out.println("== in-process scoring (JMH) ==");
        Options options = new OptionsBuilder()
                .include(ScoringBenchmark.class.getName())
                .forks(1)
                .warmupIterations(QUICK ? 1 : 3).warmupTime(TimeValue.seconds(QUICK ? 1 : 2))
                .measurementIterations(QUICK ? 1 : 5).measurementTime(TimeValue.seconds(QUICK ? 1 : 2))
                .jvmArgsAppend("--enable-native-access=ALL-UNNAMED", "-Xmx2g", "-Djava.io.tmpdir=" + WORK.toAbsolutePath(),
                        "-Dcrm.data.dir=" + dataDir.toAbsolutePath())
                .build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, Stats> out = new java.util.TreeMap<>();
        Map<String, String> units = new HashMap<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark().replaceAll(".*\\.", "");
            var s = r.getPrimaryResult().getStatistics();
            out.put(name, new Stats((int) s.getN(), s.getPercentile(50), s.getPercentile(99), s.getMax(), s.getMin()));
            units.put(name, r.getPrimaryResult().getScoreUnit());
        }
        line("## In-process scoring (JMH, sample mode; no DynamoDB)");
        line("");
        line("One fork, " + (QUICK ? "1×1 s" : "3×2 s") + " warm-up, " + (QUICK ? "1×1 s" : "5×2 s") + " measured; customers rotate over "
                + ScoringBenchmark.CUSTOMERS + " real Online Retail profiles. 'One customer' = vectorize, the model's output (the"
                + " four personal models from the parameter tables their files carry, computed in the JVM and checked against the"
                + " ONNX graph at load; fraud's trees by one ONNX Runtime run), the reasons (from the weights for churn, from the"
                + " trees for lifetime value, one more row per attribute not at its typical value for fraud), build the answer.");
        line("");
        line("| benchmark | what | p50 | p99 | max | samples |");
        line("|---|---|---|---|---|---|");
        Map<String, String> what = new java.util.LinkedHashMap<>();
        what.put("churnOne", "churn score with reasons, one customer");
        what.put("churnOneShadowed10", "the same, with last quarter's churn version in shadow on 10 % of requests (target: p99 within"
                + " +10 % of `churnOne`)");
        what.put("segmentOne", "segment, distances and life-cycle stage, one customer");
        what.put("lifetimeValueOne", "lifetime value with reasons, one customer");
        what.put("nextBestOfferOne", "ranked offers, one customer");
        what.put("fraudOne", "fraud decision with reasons, one real order");
        what.put("profileAllOne", "**all four personal scores, one customer** (target p99 < 100 µs)");
        what.put("profileAllAsOfOne", "the same, with every time-dependent feature computed for the request's instant from the"
                + " stored order history (issue #10)");
        what.put("profileAllBareOne", "the same four models' bare scores, no reasons, one customer (parameter tables in the JVM)");
        what.put("profileAllBareGraphOne", "the same four bare scores through ONNX Runtime, one graph run per model (before the"
                + " tables)");
        what.put("profileAllBatch1000", "all four personal scores, 1,000 customers in one call");
        what.put("churnBareOnnxOne", "churn probability only (no reasons), ONNX Runtime");
        what.put("churnBareTribuoOne", "the same model family and rows, Tribuo in the JVM");
        what.put("churnBareOnnxBatch1000", "churn probability only, 1,000 customers, ONNX Runtime");
        what.put("churnBareTribuoBatch1000", "the same, Tribuo");
        for (Map.Entry<String, String> e : what.entrySet()) {
            Stats s = out.get(e.getKey());
            if (s != null) {
                String u = units.get(e.getKey()).replace("/op", "").replace("us", "µs");
                line(String.format(Locale.ROOT, "| `%s` | %s | %s %s | %s %s | %s %s | %,d |", e.getKey(), e.getValue(),
                        num(s.p50()), u, num(s.p99()), u, num(s.max()), u, s.n()));
            }
        }
        Stats onnx = out.get("churnBareOnnxOne");
        Stats tribuo = out.get("churnBareTribuoOne");
        Stats onnxB = out.get("churnBareOnnxBatch1000");
        Stats tribuoB = out.get("churnBareTribuoBatch1000");
        Stats live = out.get("churnOne");
        Stats shadowed = out.get("churnOneShadowed10");
        if (live != null && shadowed != null) {
            line("");
            line(String.format(Locale.ROOT, "Shadow cost at a 10 %% share: p50 %+.1f %%, p99 %+.1f %% (the challenger runs on a background"
                    + " thread; the live request only samples and hands over).", 100 * (shadowed.p50() / live.p50() - 1),
                    100 * (shadowed.p99() / live.p99() - 1)));
        }
        if (onnx != null && tribuo != null && onnxB != null && tribuoB != null) {
            line("");
            line(String.format(Locale.ROOT, "ONNX Runtime / Tribuo, median: one row %.2f×, 1,000 rows %.2f× (below 1 = ONNX faster).",
                    onnx.p50() / tribuo.p50(), onnxB.p50() / tribuoB.p50()));
        }
        line("");
        return out;
    }

    // ---------------------------------------------------------------- runtime path

    private final TableNames tables = new TableNames("crm-profiles-bench", "crm-orders-bench");
    private String endpoint;
    private List<String> customers;

    private void runtimePath() throws Exception {
        System.out.println("== runtime path ==");
        Path unpacked = WORK.resolve("functions");
        Path httpUnpacked = WORK.resolve("http-api");
        try (LocalDynamoDb local = LocalDynamoDb.start(); DynamoDbClient dynamo = local.client()) {
            endpoint = local.endpoint().toString();
            TableDefinitions.ensureTables(dynamo, tables);
            long start = System.nanoTime();
            // About one customer in eight: some 550 real profiles and their orders.
            new RetailLoader(dynamo, tables, l -> { }).load(dataDir.resolve("online-retail.csv.gz"), id -> Math.floorMod(id.hashCode(), 8) == 0);
            customers = new ArrayList<>();
            dynamo.scanPaginator(b -> b.tableName(tables.profiles()).projectionExpression("customerId"))
                    .items().forEach(i -> customers.add(i.get("customerId").s()));
            customers.sort(null);
            System.out.printf("loaded %d profiles in %.1f s%n", customers.size(), (System.nanoTime() - start) / 1e9);

            int warm = QUICK ? 50 : 500;
            int n = QUICK ? 200 : 3000;
            line("## Through the Lambda runtime path (packaged function.zip, runtime interface client, DynamoDB Local)");
            line("");
            line("Each function runs in its own JVM (as template.yaml deploys it: `JAVA_TOOL_OPTIONS=" + DEPLOYED.get("JAVA_TOOL_OPTIONS")
                    + "`, ONNX Runtime's natives from the layer) started"
                    + " by the real aws-lambda-java-runtime-interface-client against a local Runtime API endpoint; the time is"
                    + " from queuing the event to receiving the answer, measured by the endpoint. " + warm + " warm-up"
                    + " invocations, then " + String.format("%,d", n) + " measured, over " + customers.size() + " real customers in"
                    + " DynamoDB Local (in-process, SQLite-backed: its reads are slower than DynamoDB's single-digit ms).");
            line("");
            line("| invocation | p50 | p99 | max | n |");
            line("|---|---|---|---|---|");
            Stats churn = latency(unpacked, FUNQY, "churn", warm, n, i -> "{\"customerId\":\"" + customers.get(i % customers.size()) + "\"}");
            Stats floor = latency(unpacked, FUNQY, "churn", warm, n, i -> "{\"customerId\":\"bad id!\"}");
            Stats profile = latency(unpacked, FUNQY, "profileScore", warm, n,
                    i -> "{\"customerId\":\"" + customers.get(i % customers.size()) + "\"}");
            Stats http = latency(httpUnpacked, HTTP, "http-api", warm, n, i -> BenchEvents.scores(customers.get(i % customers.size())));
            Stats read = getItem(dynamo, warm, n);
            row("`churn` (one profile read, churn score with reasons)", churn, "ms", n);
            row("`churn` with a malformed id: the path's floor (Funqy, runtime client, Runtime API; no read, no model)", floor, "ms", n);
            row("`profileScore` (one read, four models)", profile, "ms", n);
            row("HTTP API `POST /customers/{id}/scores` (API Gateway v2 event, Quarkus REST, one read, four models)", http, "ms", n);
            row("DynamoDB Local GetItem alone, from a url-connection client in the harness", read, "ms", n);
            line("");
            line(String.format(Locale.ROOT, "The DynamoDB read alone is %.0f %% of the `churn` median (GetItem p50 %s of %s ms; p99 %s of"
                            + " %s ms), the path's floor %.0f %%. They overlap (each includes an HTTP round trip on 127.0.0.1), so"
                            + " they do not add up; the scoring itself is tens of microseconds (JMH above).",
                    100 * read.p50() / churn.p50(), num(read.p50()), num(churn.p50()), num(read.p99()), num(churn.p99()),
                    100 * floor.p50() / churn.p50()));
            line("");
            throughput(unpacked, local);
            memory();
        }
    }

    private Stats latency(Path unpacked, String handler, String export, int warm, int n,
                          java.util.function.IntFunction<String> event) throws Exception {
        System.out.printf("  %s: %d + %d invocations%n", export, warm, n);
        try (PackagedLambda lambda = start(unpacked, handler, export, DEPLOYED, "latency-" + export)) {
            for (int i = 0; i < warm; i++) {
                lambda.invoke(event.apply(i), 90);
            }
            double[] ms = new double[n];
            for (int i = 0; i < n; i++) {
                long t = System.nanoTime();
                RuntimeApiServer.Answer a = lambda.invoke(event.apply(i), 90);
                ms[i] = (System.nanoTime() - t) / 1e6;
                if (a.body().isEmpty()) {
                    throw new IllegalStateException(export + " answered nothing");
                }
            }
            peakRssMb.merge(export, rssMb(lambda), Math::max);
            return Stats.of(ms);
        }
    }

    private Stats getItem(DynamoDbClient dynamo, int warm, int n) {
        double[] ms = new double[n];
        for (int i = 0; i < warm + n; i++) {
            String id = customers.get(i % customers.size());
            long t = System.nanoTime();
            dynamo.getItem(b -> b.tableName(tables.profiles()).key(Map.of("customerId", AttributeValue.fromS(id))));
            if (i >= warm) {
                ms[i - warm] = (System.nanoTime() - t) / 1e6;
            }
        }
        return Stats.of(ms);
    }

    private void throughput(Path unpacked, LocalDynamoDb local) throws Exception {
        System.out.println("== throughput ==");
        int batches = QUICK ? 5 : 40;
        line("## Throughput (one function process, one invocation at a time, as one Lambda container)");
        line("");
        line("| what | rate | median per invocation | invocations |");
        line("|---|---|---|---|");
        int perBatch = 10;
        Rate orders = rate(unpacked, "orderQueue", batches, (b, warm) -> BenchEvents.sqsOrders(customers, b, perBatch, warm ? "WARM" : "BENCH"),
                a -> !a.error() && a.body().contains("\"batchItemFailures\":[]"));
        line(String.format(Locale.ROOT, "| order events through `orderQueue` (SQS batches of %d: screen, recompute the customer"
                        + " from their history, rescore, write back) | **%,.0f orders/s** | %s ms per batch | %d |",
                perBatch, orders.perSecond() * perBatch, num(orders.perInvocation().p50()), batches));
        Rate campaign = rate(unpacked, "batchScore", batches, (b, warm) -> BenchEvents.batch(customers, b), a -> !a.error());
        line(String.format(Locale.ROOT, "| campaign scoring through `batchScore` (100 ids per call: BatchGetItem, one batched"
                        + " pass per model) | **%,.0f customers/s** | %s ms per 100 | %d |",
                campaign.perSecond() * 100, num(campaign.perInvocation().p50()), batches));
        line("");
    }

    private record Rate(double perSecond, Stats perInvocation) {
    }

    /** Invocations per second of one function process, after five warm-up invocations; every answer must pass {@code ok}. */
    private Rate rate(Path unpacked, String export, int invocations, java.util.function.BiFunction<Integer, Boolean, String> event,
                      java.util.function.Predicate<RuntimeApiServer.Answer> ok) throws Exception {
        try (PackagedLambda lambda = start(unpacked, FUNQY, export, DEPLOYED, "throughput-" + export)) {
            for (int b = 0; b < 5; b++) {
                lambda.invoke(event.apply(b, true), 90);
            }
            double[] ms = new double[invocations];
            long total = System.nanoTime();
            for (int b = 0; b < invocations; b++) {
                long t = System.nanoTime();
                RuntimeApiServer.Answer a = lambda.invoke(event.apply(b, false), 90);
                ms[b] = (System.nanoTime() - t) / 1e6;
                if (!ok.test(a)) {
                    throw new IllegalStateException(export + " failed: " + a.body());
                }
            }
            double seconds = (System.nanoTime() - total) / 1e9;
            peakRssMb.merge(export, rssMb(lambda), Math::max);
            return new Rate(invocations / seconds, Stats.of(ms));
        }
    }

    private void memory() {
        line("## Memory: peak resident set of each function process after its runs above (VmHWM)");
        line("");
        line("| function process | peak RSS |");
        line("|---|---|");
        peakRssMb.forEach((k, v) -> line(String.format(Locale.ROOT, "| `%s` | %.0f MB |", k, v)));
        line("");
        line("Lambda bills the configured memory (template.yaml: 1,024 MB), not the RSS; 1 GB is chosen for the CPU share it buys.");
        line("");
    }

    // ---------------------------------------------------------------- cold start

    private final List<Double> coldChurnMs = new ArrayList<>();

    private List<Double> coldRuns() {
        return coldChurnMs;
    }

    private void coldStart() throws Exception {
        System.out.println("== cold start ==");
        int runs = QUICK ? 2 : 5;
        Path unpacked = WORK.resolve("functions");
        try (LocalDynamoDb local = LocalDynamoDb.start(); DynamoDbClient dynamo = local.client()) {
            endpoint = local.endpoint().toString();
            TableDefinitions.ensureTables(dynamo, tables);
            new RetailLoader(dynamo, tables, l -> { }).load(dataDir.resolve("online-retail.csv.gz"), "12347"::equals);
            double[] jvm = jvmFloor(runs);
            line("## Cold start (process start to first scored answer; packaged `churn` function unless named)");
            line("");
            line("Each run: a fresh JVM under the runtime interface client, the first event queued at once. *Init* = process"
                    + " start to the function's first poll for an event (Lambda's Init Duration, including the JVM and the"
                    + " priming); *first invoke* = that event's duration. Then " + WARM_INVOKES + " more invocations of the same"
                    + " event in the same process: *warm* p50 and p99 over all runs, and the process's *peak RSS* (VmHWM, median"
                    + " of the runs). Quarkus's start-up time (it includes the priming), ONNX Runtime's environment (its native"
                    + " library), the model sessions and the priming's DynamoDB read come from the function's log; the read"
                    + " runs beside the model loading. *Managed layout*: the java21 runtime's way (the package's folder and"
                    + " lib/* on the class path, this JDK). *Custom runtime*: the provided.al2023 package started by its own"
                    + " `bootstrap`, with its jlink'ed Java 25, with its AOT cache or without it (`CRM_AOT_MODE=off`: the JDK's"
                    + " default class-data archive only). *CPU to first answer*: the process's user and system time when the"
                    + " answer arrives, over both cores (more than the wall time means start-up kept both busy). The row"
                    + " *the stack alone* serves `privacy`, which loads no model, with priming off: its init is the custom"
                    + " runtime's own start (the JVM with its cache, the runtime interface client, Quarkus), before any work of"
                    + " ours; its first invoke builds the DynamoDB client. " + runs
                    + " runs per line; the JVM alone (start and exit, this class path) takes a median of "
                    + num(Stats.of(jvm).p50()) + " ms.");
            line("");
            line("| configuration | first answer p50 | min – max | init p50 | first invoke p50 | CPU to first answer p50 | warm p50 | warm p99 | peak RSS | Quarkus started in | ONNX Runtime env | model sessions | DynamoDB priming read |");
            line("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
            coldChurnMs.addAll(cold(unpacked, FUNQY, "churn", DEPLOYED, runs, "managed layout, as deployed (template.yaml; natives from the layer)",
                    "{\"customerId\":\"12347\"}"));
            Path custom = WORK.resolve("functions-custom");
            cold(custom, FUNQY, "churn", DEPLOYED, runs, "**custom runtime with its AOT cache**", "{\"customerId\":\"12347\"}");
            cold(custom, FUNQY, "churn", withoutAot(), runs, "custom runtime without the AOT cache", "{\"customerId\":\"12347\"}");
            Map<String, String> bare = new HashMap<>(DEPLOYED);
            bare.put("CRM_PRIMING_ENABLED", "false");
            cold(custom, FUNQY, "privacy", bare, runs, "the stack alone: custom runtime with its AOT cache, `privacy` (no model), priming off",
                    "{\"customerId\":\"COLD-START-PRIVACY\",\"action\":\"OBJECT_TO_PROFILING\"}");
            cold(unpacked, FUNQY, "churn", NO_LAYER, runs, "without the layer (natives extracted from the jar)", "{\"customerId\":\"12347\"}");
            Map<String, String> unprimed = new HashMap<>(DEPLOYED);
            unprimed.put("CRM_PRIMING_ENABLED", "false");
            cold(unpacked, FUNQY, "churn", unprimed, runs, "without priming (models loaded at init, nothing primed)",
                    "{\"customerId\":\"12347\"}");
            Path httpUnpacked = WORK.resolve("http-api");
            cold(httpUnpacked, HTTP, "http-api", DEPLOYED, runs, "HTTP API (all five models), as deployed", BenchEvents.scores("12347"));
            cold(httpUnpacked, HTTP, "http-api", NO_LAYER, runs, "HTTP API without the layer", BenchEvents.scores("12347"));
            Path httpCustom = WORK.resolve("http-api-custom");
            cold(httpCustom, HTTP, "http-api", DEPLOYED, runs, "**HTTP API, custom runtime with its AOT cache**", BenchEvents.scores("12347"));
            cold(httpCustom, HTTP, "http-api", withoutAot(), runs, "HTTP API, custom runtime without the AOT cache", BenchEvents.scores("12347"));
        }
        line("");
        line(classDataSharing(unpacked));
        line("");
        line("Published anchors: AWS Lambda java21 Init about 235 ms for a minimal handler; Quarkus native 240-390 ms;"
                + " JVM Quarkus with DynamoDB about 1.1 s; warm p50 about 11-14 ms (see BENCHMARKS.md for the sources).");
        line("");
    }

    /**
     * Tries what would cut class loading in JVM mode, an application class-data sharing archive,
     * with the package laid out as Lambda runs it, and reports what the JVM says.
     */
    private String classDataSharing(Path unpacked) throws Exception {
        Path archive = WORK.resolve("functions-cds.jsa").toAbsolutePath();
        Files.deleteIfExists(archive);
        Map<String, String> jvm = new HashMap<>(DEPLOYED);
        jvm.put("JAVA_TOOL_OPTIONS", DEPLOYED.get("JAVA_TOOL_OPTIONS") + " -XX:ArchiveClassesAtExit=" + archive);
        try (PackagedLambda lambda = start(unpacked, FUNQY, "churn", jvm, "cds-dump")) {
            lambda.invoke("{\"customerId\":\"12347\"}", 90);
        }
        String refusal;
        try (Stream<String> log = Files.lines(WORK.resolve("cds-dump.log"))) {
            refusal = log.filter(l -> l.contains("[cds]") && l.contains("error")).findFirst().orElse(null);
        }
        if (Files.exists(archive)) {
            return "Class-data sharing: an archive was written (" + Files.size(archive) / 1_000_000 + " MB); measure it before relying on it.";
        }
        return "Class-data sharing, tried with the package as Lambda lays it out: no archive; the JVM says `"
                + (refusal == null ? "nothing" : refusal.replaceFirst("^(\\[[^]]*\\])+", "").trim())
                + "` (Lambda puts the function's root folder, which holds classes and lib/, on the class path).";
    }

    private double[] jvmFloor(int runs) throws Exception {
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            Process p = new ProcessBuilder(javaBin(), "-cp", ownJar(), Noop.class.getName()).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            p.waitFor();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        return ms;
    }

    private List<Double> cold(Path unpacked, String handler, String export, Map<String, String> jvm, int runs, String label,
                              String event) throws Exception {
        if (!label.contains(COLD_ONLY)) {
            return List.of();
        }
        System.out.println("  " + label);
        List<Double> first = new ArrayList<>();
        List<Double> init = new ArrayList<>();
        List<Double> invoke = new ArrayList<>();
        List<Double> quarkus = new ArrayList<>();
        List<Double> ort = new ArrayList<>();
        List<Double> session = new ArrayList<>();
        List<Double> primingRead = new ArrayList<>();
        List<Double> warm = new ArrayList<>();
        List<Double> rss = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            String logName = "cold-" + export + "-" + Math.abs(label.hashCode()) + "-" + r;
            try (PackagedLambda lambda = start(unpacked, handler, export, jvm, logName)) {
                RuntimeApiServer.Answer a = lambda.invoke(event, 90);
                long done = System.nanoTime();
                if (a.error()) {
                    throw new IllegalStateException(label + ": " + a.body());
                }
                cpu.add(lambda.process().info().totalCpuDuration().map(d -> d.toNanos() / 1e6).orElse(Double.NaN));
                first.add((done - lambda.startedNanos()) / 1e6);
                init.add((lambda.initDoneNanos() - lambda.startedNanos()) / 1e6);
                invoke.add((done - lambda.initDoneNanos()) / 1e6);
                for (int i = 0; i < WARM_INVOKES; i++) {
                    long t = System.nanoTime();
                    lambda.invoke(event, 30);
                    warm.add((System.nanoTime() - t) / 1e6);
                }
                rss.add(rssMb(lambda));
            }
            if (Files.exists(unpacked.resolve("bootstrap")) && !jvm.containsKey("CRM_AOT_MODE")) {
                List<String> complaints = CustomRuntimePackage.aotLines(WORK.resolve(logName + ".log"));
                if (!complaints.isEmpty()) {
                    throw new IllegalStateException(label + ": the JVM did not use the AOT cache: " + complaints);
                }
            }
            String log = Files.readString(WORK.resolve(logName + ".log"));
            quarkus.add(find(log, "started in (\\d+\\.\\d+)s", 1000));
            ort.add(find(log, "ONNX Runtime environment ready in (\\d+) ms", 1));
            session.add(sum(log, "loaded model .* in (\\d+) ms"));
            primingRead.add(find(log, "DynamoDB client primed in (\\d+) ms", 1));
        }
        Stats f = Stats.of(first);
        Stats w = Stats.of(warm);
        line(String.format(Locale.ROOT, "| %s | **%s** | %s – %s | %s | %s | %s | %.2f ms | %.2f ms | %.0f MB | %s | %s | %s | %s |", label,
                ms(f.p50()), num(f.min()), num(f.max()), ms(Stats.of(init).p50()), ms(Stats.of(invoke).p50()), ms(Stats.of(cpu).p50()),
                w.p50(), w.p99(),
                Stats.of(rss).p50(), ms(Stats.of(quarkus).p50()), ms(Stats.of(ort).p50()), ms(Stats.of(session).p50()),
                ms(Stats.of(primingRead).p50())));
        return first;
    }

    private static double find(String log, String regex, double scale) {
        Matcher m = Pattern.compile(regex).matcher(log);
        return m.find() ? Double.parseDouble(m.group(1)) * scale : Double.NaN;
    }

    private static double sum(String log, String regex) {
        Matcher m = Pattern.compile(regex).matcher(log);
        double total = 0;
        while (m.find()) {
            total += Double.parseDouble(m.group(1));
        }
        return total;
    }

    // ---------------------------------------------------------------- packages

    private void packages() throws IOException {
        line("## Package size (Lambda's limits: 50 MB zipped for direct upload, 250 MB unzipped)");
        line("");
        line("| package | zipped | unzipped |");
        line("|---|---|---|");
        for (Map.Entry<String, Path> p : Map.of("functions/target/function.zip (nine Funqy functions)", FUNCTIONS_ZIP,
                "http-api/target/function.zip (the web shop's API)", HTTP_ZIP,
                "functions/target/function-custom-runtime.zip (own JVM and AOT cache)", FUNCTIONS_CUSTOM_ZIP,
                "http-api/target/function-custom-runtime.zip (own JVM and AOT cache)", HTTP_CUSTOM_ZIP).entrySet().stream()
                .sorted(Map.Entry.comparingByKey()).toList()) {
            long unzipped = 0;
            try (InputStream in = Files.newInputStream(p.getValue()); ZipInputStream z = new ZipInputStream(in)) {
                for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
                    unzipped += z.transferTo(java.io.OutputStream.nullOutputStream());
                }
            }
            line(String.format(Locale.ROOT, "| `%s` | %.1f MB | %.1f MB |", p.getKey(), Files.size(p.getValue()) / 1e6, unzipped / 1e6));
        }
        long layer;
        try (Stream<Path> walk = Files.walk(Path.of("..").resolve(LambdaTemplate.LAYER_BUILD))) {
            layer = walk.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
        line("");
        line(String.format(Locale.ROOT, "Every function also mounts the ONNX Runtime layer (%.1f MB unzipped), which counts towards the"
                + " 250 MB. Packages over 50 MB zipped are deployed through S3, as `sam deploy` does by itself.", layer / 1e6));
        line("");
    }

    /**
     * Every customer's profile item as the loader writes it (after their last order), sized by
     * DynamoDB's rules: what a profile costs in storage and read units, and how far it is from the
     * 400 KB item limit.
     */
    private void profileItems() throws IOException {
        List<Order> all = new OnlineRetailReader().read(dataDir.resolve("online-retail.csv.gz")).orders();
        OfferCatalogue catalogue = OfferCatalogue.loadDefault();
        ProfileItemMapper mapper = new ProfileItemMapper();
        List<double[]> rows = new ArrayList<>();   // item bytes, history bytes, orders
        for (Map.Entry<String, List<Order>> e : Orders.byCustomer(all).entrySet()) {
            CustomerHistory history = CustomerHistory.of(e.getValue(), null, catalogue);
            Instant after = history.lastEventAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).plusSeconds(1);
            Map<String, AttributeValue> item = mapper.toItem(e.getKey(), history, catalogue, false, after);
            rows.add(new double[] {ItemSize.of(item), item.get(ProfileItemAttributes.ORDER_HISTORY).b().asByteArray().length,
                    history.orderCount()});
        }
        rows.sort(java.util.Comparator.comparingDouble(r -> r[0]));
        double[] median = rows.get((rows.size() - 1) / 2);
        double[] p99 = rows.get((int) Math.ceil(0.99 * rows.size()) - 1);
        double[] largest = rows.getLast();
        line("## Profile items (DynamoDB's item size rules; the limit is 400 KB)");
        line("");
        line(String.format(Locale.ROOT, "Every one of the %,d customers' profile items as the loader writes it after their last order.",
                rows.size()));
        line("");
        line("| customer | item | of which the order history | orders in the history |");
        line("|---|---|---|---|");
        for (Map.Entry<String, double[]> r : Map.of("median", median, "99th percentile", p99, "largest", largest).entrySet().stream()
                .sorted(java.util.Comparator.comparingDouble(r -> r.getValue()[0])).toList()) {
            line(String.format(Locale.ROOT, "| %s | %,.0f bytes | %,.0f bytes | %,.0f |", r.getKey(), r.getValue()[0],
                    r.getValue()[1], r.getValue()[2]));
        }
        line("");
    }

    // ---------------------------------------------------------------- helpers

    private PackagedLambda start(Path unpacked, String handler, String export, Map<String, String> jvm, String logName)
            throws IOException {
        Map<String, String> env = new HashMap<>(DynamoDbLocalResource.lambdaEnvironment(endpoint, tables));
        env.putAll(jvm);
        env.put("AWS_LAMBDA_FUNCTION_NAME", "crm-" + export + "-bench");
        if (handler.equals(FUNQY)) {
            env.put("QUARKUS_FUNQY_EXPORT", export);
        }
        if (Files.exists(unpacked.resolve("bootstrap"))) {
            return PackagedLambda.startBootstrap(unpacked, handler, env, WORK.resolve(logName + ".log"));
        }
        return PackagedLambda.start(unpacked, handler, env, WORK.resolve(logName + ".log"));
    }

    /** As deployed, with the custom runtime's bootstrap told to start without its AOT cache. */
    private static Map<String, String> withoutAot() {
        Map<String, String> env = new HashMap<>(DEPLOYED);
        env.put("CRM_AOT_MODE", "off");
        return env;
    }

    private static double rssMb(PackagedLambda lambda) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc", Long.toString(lambda.process().pid()), "status"))) {
                if (l.startsWith("VmHWM:")) {
                    return Long.parseLong(l.replaceAll("\\D+", "")) / 1024.0;
                }
            }
        } catch (IOException e) {
            // not Linux: no figure
        }
        return Double.NaN;
    }

    private static void waitFor(Path file) throws InterruptedException {
        for (int i = 0; i < 100 && !Files.exists(file); i++) {
            Thread.sleep(100);
        }
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static String ownJar() {
        try {
            return Path.of(BenchmarkCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).findFirst().map(l -> l.replaceFirst(".*:\\s*", "")).orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    private void row(String what, Stats s, String unit, int n) {
        line(String.format(Locale.ROOT, "| %s | **%s %s** | %s %s | %s %s | %,d |", what, num(s.p50()), unit, num(s.p99()), unit,
                num(s.max()), unit, n));
    }

    /** A duration cell: the figure in ms, or "not run" when the log had no such line. */
    private static String ms(double v) {
        return Double.isNaN(v) ? "not run" : num(v) + " ms";
    }

    static String num(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (v >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return String.format(Locale.ROOT, v >= 10 ? "%.1f" : "%.2f", v);
    }

    private void line(String s) {
        md.append(s).append('\n');
        System.out.println(s);
    }
}
