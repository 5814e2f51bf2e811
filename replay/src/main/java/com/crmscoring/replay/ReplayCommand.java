package com.crmscoring.replay;

import ai.onnxruntime.OrtEnvironment;
import com.crmscoring.infra.dynamo.TableDefinitions;
import com.crmscoring.infra.dynamo.TableNames;
import com.crmscoring.infra.local.LocalDynamoDb;
import com.crmscoring.scoring.config.ScoringFactory;
import com.crmscoring.shared.domain.Order;
import com.crmscoring.shared.model.DeepStack;
import com.crmscoring.shared.retail.OnlineRetailReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The replay, and the backfill of deployed tables. It parses options and delegates to
 * {@link Replay}; the report is Markdown.
 *
 * <pre>
 * replay --data FILE [--customers N] [--report FILE]            DynamoDB Local, faults, checkpoints
 * replay --data FILE --backfill --endpoint URL --region R
 *        --profiles-table T --orders-table T                     a deployed account: each order once, no checks
 * </pre>
 */
@Command(name = "replay", usageHelpAutoWidth = true,
        description = "Plays the Online Retail orders in time order through the order-event processing and checks the scores.")
public final class ReplayCommand implements Callable<Integer> {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "this help")
    boolean help;

    @Option(names = "--data", required = true, description = "the Online Retail order lines (CSV, gzipped or not)")
    Path data;

    @Option(names = "--customers", defaultValue = "0", description = "replay this many customers, chosen at random (0: all)")
    int customers;

    @Option(names = "--report", description = "write the Markdown report here too")
    Path report;

    @Option(names = "--backfill", description = "load a deployed account: every order once, in order, no checkpoints")
    boolean backfill;

    @Option(names = "--endpoint", description = "DynamoDB endpoint; without it DynamoDB Local is started in-process")
    URI endpoint;

    @Option(names = "--region", defaultValue = "eu-west-1", description = "AWS region (default ${DEFAULT-VALUE})")
    String region;

    @Option(names = "--profiles-table", defaultValue = "crm-profiles-dev", description = "default ${DEFAULT-VALUE}")
    String profilesTable;

    @Option(names = "--orders-table", defaultValue = "crm-orders-dev", description = "default ${DEFAULT-VALUE}")
    String ordersTable;

    public static void main(String[] args) throws Exception {
        Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
        // ONNX Runtime needs a deep stack under a Maven-length command line (see DeepStack).
        int status = DeepStack.run("replay", () -> new CommandLine(new ReplayCommand()).execute(args));
        System.exit(status);
    }

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(data)) {
            System.err.println("error: " + data + " is not a file: the Online Retail data belongs in ../shared/data");
            return 2;
        }
        TableNames tables = new TableNames(profilesTable, ordersTable);
        Replay.Options options = backfill ? Replay.Options.backfill() : new Replay.Options(customers, true, 2, 0.05, 0.02, true, 42);
        List<Order> orders = new OnlineRetailReader().read(data).orders();
        LocalDynamoDb local = endpoint == null ? LocalDynamoDb.start() : null;
        try (DynamoDbClient dynamo = local != null ? local.client() : DynamoDbClient.builder().endpointOverride(endpoint)
                .region(Region.of(region)).httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
            if (local != null) {
                TableDefinitions.ensureTables(dynamo, tables);
            }
            Replay.Report r;
            try (ScoringFactory scoring = ScoringFactory.dynamoDb(dynamo, tables.profiles(), tables.orders(),
                    OrtEnvironment::getEnvironment, ScoringFactory.Settings.defaults())) {
                r = new Replay(dynamo, tables, scoring, options, System.out::println).run(orders);
            }
            String markdown = ReplayReport.markdown(r, options);
            System.out.println();
            System.out.println(markdown);
            if (report != null) {
                Files.writeString(report, markdown, StandardCharsets.UTF_8);
            }
            boolean clean = r.mismatches() == 0 && r.ordersLost() == 0 && r.ordersDoubleCounted() == 0 && r.objectionsLost() == 0;
            return clean ? 0 : 1;
        } finally {
            if (local != null) {
                local.close();
            }
        }
    }
}
