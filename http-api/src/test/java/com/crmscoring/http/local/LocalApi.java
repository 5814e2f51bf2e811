package com.crmscoring.http.local;

import ai.onnxruntime.OrtEnvironment;
import com.crmscoring.infra.dynamo.TableDefinitions;
import com.crmscoring.infra.dynamo.TableNames;
import com.crmscoring.infra.load.RetailLoader;
import com.crmscoring.infra.local.LocalDynamoDb;
import com.crmscoring.scoring.config.ScoringFactory;
import com.crmscoring.scoring.dashboard.CustomerBaseDashboard;
import com.crmscoring.scoring.dashboard.CustomerBaseReport;
import com.crmscoring.shared.model.DeepStack;
import com.crmscoring.testkit.DynamoDbLocalResource;
import com.crmscoring.testkit.LocalHttpApi;
import com.crmscoring.testkit.PackagedLambda;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The shop's HTTP API on localhost, as deployed: the packaged {@code function.zip} of every API
 * function in template.yaml, each in its own process under the real Lambda runtime interface
 * client, behind {@link LocalHttpApi} (API Gateway's routing and payload 2.0 mapping), reading a
 * DynamoDB Local. It also serves the customer-base dashboard of the same data at
 * {@code /dashboard}, a path of its own that the deployed API does not have.
 *
 * <p>{@link #main} is the README's third command ({@code ./mvnw -Plocal-api verify}): it loads the
 * bundled shop and serves until stopped. The browser test starts the same class on its own data.
 */
public final class LocalApi implements AutoCloseable {

    /** The dashboard's path on the local API. */
    public static final String DASHBOARD = "/dashboard";
    /** Its figures as JSON. */
    public static final String DASHBOARD_JSON = "/dashboard.json";

    private final List<PackagedLambda> functions;
    private final LocalHttpApi api;

    private LocalApi(List<PackagedLambda> functions, LocalHttpApi api) {
        this.functions = functions;
        this.api = api;
    }

    /**
     * Starts every API function of template.yaml from the HTTP API's package, and the gateway.
     *
     * @param projectRoot   the folder holding template.yaml
     * @param unpacked      the unpacked {@code http-api/target/function.zip}
     * @param dynamoEndpoint the DynamoDB Local to read and write
     * @param clock         the functions' "now" (the end of the bundled data, whose customers
     *                      would all have lapsed by today)
     * @param dashboardDir  where {@link CustomerBaseDashboard#write} wrote the dashboard
     * @param logs          where each function's output goes ({@code <function>.log})
     * @param port          the port, or 0 for any free one
     */
    public static LocalApi start(Path projectRoot, Path unpacked, String dynamoEndpoint, TableNames tables, Instant clock,
                                 Path dashboardDir, Path logs, int port) throws IOException, InterruptedException {
        List<LocalHttpApi.Route> routes = LocalHttpApi.routes(projectRoot);
        Map<String, String> handlers = new TreeMap<>();
        routes.forEach(r -> handlers.put(r.function(), r.handler()));
        Map<String, PackagedLambda> byFunction = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, String> function : handlers.entrySet()) {
                Map<String, String> env = PackagedLambda.deployedEnvironment(DynamoDbLocalResource.lambdaEnvironment(dynamoEndpoint, tables),
                        projectRoot, function.getKey());
                env.put("CRM_CLOCK_FIXED", clock.toString());
                byFunction.put(function.getKey(), PackagedLambda.start(unpacked, function.getValue(), env,
                        logs.resolve(function.getKey() + ".log")));
            }
            LocalHttpApi api = LocalHttpApi.start(routes, byFunction, Map.of(
                    DASHBOARD, dashboardDir.resolve("customer-base.html"),
                    DASHBOARD_JSON, dashboardDir.resolve("customer-base.json")), port);
            return new LocalApi(new ArrayList<>(byFunction.values()), api);
        } catch (IOException | RuntimeException e) {
            for (PackagedLambda f : byFunction.values()) {
                f.close();
            }
            throw e;
        }
    }

    public int port() {
        return api.port();
    }

    @Override
    public void close() throws InterruptedException {
        api.close();
        for (PackagedLambda f : functions) {
            f.close();
        }
    }

    /**
     * Arguments: {@code [data-dir] [port]} (defaults {@code ../shared/data} beside the project, 8080).
     * Run from the {@code http-api} module folder, as Maven does.
     */
    public static void main(String[] args) throws Exception {
        Path data = Path.of(args.length > 0 ? args[0] : "../../shared/data").resolve("online-retail.csv.gz");
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 8080;
        Path zip = Path.of("target/function.zip");
        if (!Files.exists(data)) {
            System.err.println("error: " + data.toAbsolutePath() + " is missing: the public data sets belong in ../shared/data");
            System.exit(2);
        }
        if (!Files.exists(zip)) {
            System.err.println("error: " + zip.toAbsolutePath() + " is missing: run ./mvnw -Plocal-api verify from the project folder");
            System.exit(2);
        }
        DeepStack.run("local-api", () -> {
            serve(data, zip, port);
            return null;
        });
    }

    private static void serve(Path data, Path zip, int port) throws Exception {
        TableNames tables = TableNames.DEFAULT;
        LocalDynamoDb local = LocalDynamoDb.start();
        Instant endOfData;
        Path target = Path.of("target").toAbsolutePath();
        try (DynamoDbClient dynamo = local.client()) {
            TableDefinitions.ensureTables(dynamo, tables);
            RetailLoader.Report report = new RetailLoader(dynamo, tables, line -> System.out.println("  " + line)).load(data, id -> true);
            endOfData = report.profilesAsOf();
            System.out.printf("loaded %,d profiles into DynamoDB Local on %s%n", report.profilesWritten(), local.endpoint());
            List<String> ids = new ArrayList<>();
            dynamo.scanPaginator(b -> b.tableName(tables.profiles()).projectionExpression("customerId"))
                    .items().forEach(item -> ids.add(item.get("customerId").s()));
            try (ScoringFactory scoring = ScoringFactory.dynamoDb(dynamo, tables.profiles(), tables.orders(),
                    OrtEnvironment::getEnvironment, ScoringFactory.Settings.defaults().withClock(Clock.fixed(endOfData, ZoneOffset.UTC)))) {
                CustomerBaseReport dashboard = CustomerBaseDashboard.compute(scoring, ids, endOfData, endOfData.minus(Duration.ofDays(90)));
                CustomerBaseDashboard.write(dashboard, target);
            }
        }
        Path unpacked = PackagedLambda.unpack(zip, target.resolve("local-api-function"));
        LocalApi api = start(Path.of(".."), unpacked, local.endpoint().toString(), tables, endOfData, target, target, port);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                api.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                local.close();
            }
        }));
        String base = "http://localhost:" + api.port();
        System.out.println();
        System.out.println("The shop's HTTP API on " + base + " (no JWT locally; the deployed API requires one), the data as of "
                + endOfData + ". Try:");
        System.out.println("  curl -s -X POST " + base + "/customers/12347/scores");
        System.out.println("  curl -s -X POST '" + base + "/customers/12347/churn?asOf=" + endOfData + "'");
        System.out.println("  curl -s -X POST " + base + "/campaigns/scores -H 'Content-Type: application/json'"
                + " -d '{\"customerIds\": [\"12347\", \"12680\", \"17850\"]}'");
        System.out.println("  curl -s -X POST " + base + "/orders/fraud-check -H 'Content-Type: application/json' -d @events/fraud.json");
        System.out.println("The customer-base dashboard: " + base + DASHBOARD + " (also " + target.resolve("customer-base.html").toUri() + ")");
        System.out.println("Function logs: " + target + "/HttpApiFunction.log, PrivacyApiFunction.log. Stop with Ctrl-C.");
        Thread.currentThread().join();
    }
}
