package com.crmscoring.bench;

import com.crmscoring.infra.dynamo.TableDefinitions;
import com.crmscoring.infra.dynamo.TableNames;
import com.crmscoring.infra.load.RetailLoader;
import com.crmscoring.infra.local.LocalDynamoDb;
import com.crmscoring.testkit.DynamoDbLocalResource;
import com.crmscoring.testkit.LambdaTemplate;
import com.crmscoring.testkit.PackagedLambda;
import com.crmscoring.testkit.RuntimeApiServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Two variants of a custom-runtime package, A and B, started cold in pairs in alternating order
 * against one DynamoDB Local: the median of the pair differences says what a change to start-up
 * buys. On a shared machine that is the only comparison that holds, because start-up moves by
 * tens of percent between runs of the benchmark (BENCHMARKS.md, "What each change bought").
 *
 * <pre>
 * java -cp benchmarks/target/crm-benchmarks-0.1.0-SNAPSHOT.jar com.crmscoring.bench.PairedColdStart \
 *     A B PAIRS EXPORT EVENT_FILE [DATA_DIR]
 * </pre>
 *
 * Run it from the project root (template.yaml and the ONNX Runtime layer of the build are read from
 * there, the data from {@code ../shared/data}). A and B are unpacked {@code function-custom-runtime.zip}s (unpack keeping the zip's file times:
 * the AOT cache checks them), for instance from two commits; either may end in
 * {@code ::KEY=VALUE;KEY=VALUE} to add to the function's environment, e.g.
 * {@code pkg::JAVA_TOOL_OPTIONS=-XX:+UseSerialGC} to compare JVM options on one package. The
 * function's environment is otherwise template.yaml's, as in the benchmark's cold-start section.
 */
public final class PairedColdStart {

    private PairedColdStart() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println("usage: PairedColdStart A B PAIRS EXPORT EVENT_FILE [DATA_DIR]");
            System.exit(2);
        }
        Variant[] variants = {Variant.parse(args[0]), Variant.parse(args[1])};
        int pairs = Integer.parseInt(args[2]);
        String export = args[3];
        String event = Files.readString(Path.of(args[4]));
        Path data = Path.of(args.length > 5 ? args[5] : "../shared/data");
        TableNames tables = new TableNames("crm-profiles-paired", "crm-orders-paired");
        Map<String, String> template = LambdaTemplate.environment(Path.of("."));
        try (LocalDynamoDb local = LocalDynamoDb.start(); DynamoDbClient dynamo = local.client()) {
            TableDefinitions.ensureTables(dynamo, tables);
            new RetailLoader(dynamo, tables, l -> { }).load(data.resolve("online-retail.csv.gz"), "12347"::equals);
            List<List<Double>> first = List.of(new ArrayList<>(), new ArrayList<>());
            List<List<Double>> init = List.of(new ArrayList<>(), new ArrayList<>());
            List<List<Double>> cpu = List.of(new ArrayList<>(), new ArrayList<>());
            List<Double> difference = new ArrayList<>();
            for (int p = 0; p < pairs; p++) {
                double[] ms = new double[2];
                for (int v : p % 2 == 0 ? new int[] {0, 1} : new int[] {1, 0}) {
                    Map<String, String> env = new HashMap<>(DynamoDbLocalResource.lambdaEnvironment(local.endpoint().toString(), tables));
                    env.putAll(template);
                    env.put("AWS_LAMBDA_FUNCTION_NAME", "crm-" + export + "-paired");
                    env.put("QUARKUS_FUNQY_EXPORT", export);
                    env.putAll(variants[v].env());
                    Path log = Path.of("target", "paired-" + (char) ('a' + v) + "-" + p + ".log");
                    try (PackagedLambda lambda = PackagedLambda.startBootstrap(variants[v].pkg(), PackagedLambda.FUNQY_HANDLER, env, log)) {
                        RuntimeApiServer.Answer answer = lambda.invoke(event, 90);
                        long done = System.nanoTime();
                        if (answer.error()) {
                            throw new IllegalStateException(variants[v].label() + " answered an error: " + answer.body());
                        }
                        cpu.get(v).add(lambda.process().info().totalCpuDuration().map(d -> d.toNanos() / 1e6).orElse(Double.NaN));
                        ms[v] = (done - lambda.startedNanos()) / 1e6;
                        first.get(v).add(ms[v]);
                        init.get(v).add((lambda.initDoneNanos() - lambda.startedNanos()) / 1e6);
                    }
                }
                difference.add(ms[1] - ms[0]);
            }
            for (int v = 0; v < 2; v++) {
                System.out.printf(Locale.ROOT, "%s %s: first answer p50 %.0f ms, init p50 %.0f ms, CPU p50 %.0f ms%n", (char) ('A' + v),
                        variants[v].label(), Stats.of(first.get(v)).p50(), Stats.of(init.get(v)).p50(), Stats.of(cpu.get(v)).p50());
            }
            System.out.printf(Locale.ROOT, "B - A, median of %d paired differences: %+.0f ms%n", pairs, Stats.of(difference).p50());
        }
    }

    /** A package and what it adds to the function's environment. */
    private record Variant(Path pkg, Map<String, String> env, String label) {

        static Variant parse(String spec) {
            String[] parts = spec.split("::", 2);
            Map<String, String> env = new HashMap<>();
            if (parts.length == 2) {
                for (String kv : parts[1].split(";")) {
                    env.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
                }
            }
            return new Variant(Path.of(parts[0]).toAbsolutePath(), env, spec);
        }
    }
}
