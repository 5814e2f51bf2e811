package com.crmscoring.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.onnxruntime.OrtEnvironment;
import com.crmscoring.infra.dynamo.TableDefinitions;
import com.crmscoring.infra.dynamo.TableNames;
import com.crmscoring.infra.local.LocalDynamoDb;
import com.crmscoring.scoring.config.ScoringFactory;
import com.crmscoring.shared.retail.OnlineRetailReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The reduced replay of issue #10, in CI: a few hundred real customers, every delivery fault, a
 * year of monthly checkpoints against the offline truth, against DynamoDB Local.
 */
class ReplayTest {

    @Test
    void aYearOfOrders_deliveredTwiceOutOfOrderInParallel_scoresAsTheOfflineTruthEveryMonth() throws Exception {
        Path data = Path.of(System.getProperty("crm.data.dir", "../../shared/data"), "online-retail.csv.gz");
        assumeTrue(Files.exists(data), "the public Online Retail data is absent: " + data.toAbsolutePath());
        TableNames tables = new TableNames("replay-profiles", "replay-orders");
        Replay.Options options = new Replay.Options(300, true, 2, 0.05, 0.05, true, 7);
        try (LocalDynamoDb local = LocalDynamoDb.start(); DynamoDbClient dynamo = local.client();
             ScoringFactory scoring = ScoringFactory.dynamoDb(dynamo, tables.profiles(), tables.orders(), OrtEnvironment::getEnvironment,
                     ScoringFactory.Settings.defaults())) {
            TableDefinitions.ensureTables(dynamo, tables);
            Replay.Report r = new Replay(dynamo, tables, scoring, options, line -> { })
                    .run(new OnlineRetailReader().read(data).orders());
            String report = ReplayReport.markdown(r, options);

            assertEquals(300, r.customers());
            assertTrue(r.checkpoints().size() >= 12, "a checkpoint every month: " + r.checkpoints().size());
            assertEquals(0, r.mismatches(), report);
            assertEquals(0, r.ordersLost(), report);
            assertEquals(0, r.ordersDoubleCounted(), report);
            assertTrue(r.objections() > 5, "objections arrived during the replay: " + r.objections());
            assertEquals(0, r.objectionsLost(), report);
            assertTrue(r.deliveries() >= 2 * r.orders(), "every order delivered twice");
            // The old way was wrong for customers who stopped ordering: their frozen profile looks active.
            assertTrue(r.frozen().stream().anyMatch(f -> f.churn().values().stream().anyMatch(v -> v[1] > v[0] + 0.1)), report);
        }
    }
}
