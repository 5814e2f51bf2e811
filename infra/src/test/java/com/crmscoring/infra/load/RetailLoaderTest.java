package com.crmscoring.infra.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.crmscoring.infra.dynamo.TableDefinitions;
import com.crmscoring.infra.dynamo.TableNames;
import com.crmscoring.infra.local.LocalDynamoDb;
import com.crmscoring.shared.domain.CustomerProfile;
import com.crmscoring.storage.profile.ProfileItemMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The loader against the real DynamoDB Local over HTTP, on the real Online Retail file. */
class RetailLoaderTest {

    private static final Path DATA = Path.of(System.getProperty("crm.data.dir", "../../shared/data"), "online-retail.csv.gz");
    /** A handful of real customers: a regular, a French one, one with cancellations, a one-timer. */
    private static final Set<String> SAMPLE = Set.of("12346", "12347", "12680", "17850", "13047", "18074");

    private static LocalDynamoDb local;
    private static DynamoDbClient dynamo;

    @BeforeAll
    static void start() {
        local = LocalDynamoDb.start();
        dynamo = local.client();
    }

    @AfterAll
    static void stop() {
        dynamo.close();
        local.close();
    }

    @Test
    void loadsOrdersAndProfiles_andASecondRunChangesNothing() throws IOException {
        assumeTrue(Files.exists(DATA), "the public data set is absent: " + DATA.toAbsolutePath());
        TableNames tables = new TableNames("profiles-idem", "orders-idem");
        TableDefinitions.ensureTables(dynamo, tables);
        List<String> log = new ArrayList<>();
        RetailLoader loader = new RetailLoader(dynamo, tables, log::add);

        RetailLoader.Report first = loader.load(DATA, SAMPLE::contains);
        List<Map<String, AttributeValue>> profilesAfterFirst = scan(tables.profiles());
        List<Map<String, AttributeValue>> ordersAfterFirst = scan(tables.orders());

        assertEquals(541_909, first.linesRead());
        assertEquals(135_080, first.rejectedByReason().get("no CustomerID (guest or internal line)"),
                "rejected lines are reported by reason");
        assertEquals(SAMPLE.size(), first.profilesWritten());
        assertEquals(SAMPLE.size(), profilesAfterFirst.size());
        assertEquals(first.ordersWritten(), ordersAfterFirst.size());
        assertTrue(first.cancellationsWritten() > 0, "cancellations are stored as such, not dropped");
        assertTrue(log.stream().anyMatch(l -> l.startsWith("profiles")), "progress is reported");

        RetailLoader.Report second = loader.load(DATA, SAMPLE::contains);
        assertEquals(first.ordersWritten(), second.ordersWritten());
        assertEquals(profilesAfterFirst, scan(tables.profiles()), "a second run leaves profiles as they were");
        assertEquals(ordersAfterFirst, scan(tables.orders()), "a second run leaves orders as they were");

        // 12346 bought once (74,215 units) and cancelled it all the same day.
        CustomerProfile p = new ProfileItemMapper().fromItem(profilesAfterFirst.stream()
                .filter(i -> i.get("customerId").s().equals("12346")).findFirst().orElseThrow());
        assertEquals(1, p.aggregates().ordersTotal());
        assertEquals(1, p.aggregates().cancellations());
        assertEquals(0.0, p.aggregates().spendTotal(), 1e-6);
        assertEquals("2011-12-10T00:00:00Z", p.asOf().toString(), "profiles are as of the end of the data, not of today");
    }

    private static List<Map<String, AttributeValue>> scan(String table) {
        List<Map<String, AttributeValue>> items = new ArrayList<>(dynamo.scanPaginator(b -> b.tableName(table)).items().stream().toList());
        items.sort(Comparator.comparing((Map<String, AttributeValue> i) -> i.get("customerId").s())
                .thenComparing(i -> i.containsKey("orderId") ? i.get("orderId").s() : ""));
        return items;
    }
}
