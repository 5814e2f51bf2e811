package com.crmscoring.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.onnxruntime.OrtEnvironment;
import com.crmscoring.infra.dynamo.TableDefinitions;
import com.crmscoring.infra.dynamo.TableNames;
import com.crmscoring.infra.load.RetailLoader;
import com.crmscoring.infra.local.LocalDynamoDb;
import com.crmscoring.scoring.config.ScoringFactory;
import com.crmscoring.shared.aggregates.CustomerHistory;
import com.crmscoring.shared.domain.CustomerAttributes;
import com.crmscoring.shared.offers.OfferCatalogue;
import com.crmscoring.shared.retail.OnlineRetailReader;
import com.crmscoring.storage.profile.ProfileItemAttributes;
import com.crmscoring.storage.profile.ProfileItemMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The backfill (every order of the bundled shop once, in time order, through the order-event
 * processing, two consumers) builds the profiles the loader imports, customer for customer. The
 * Spark job's profiles equal the loader's byte for byte ({@code ProfileJobTest}), so the three
 * single-machine and distributed paths agree.
 *
 * <p>They cannot be equal byte for byte: the event path adds each order as it arrives, the
 * loader adds a whole list purchases first, so sums of the same amounts round in another order,
 * and a live item carries what an import has not earned yet (its scores, the last order's
 * screening, a version). What must be equal is what the item says about the customer: the same
 * orders, and the same attributes at any instant.
 */
class BackfillTest {

    /**
     * Largest accepted difference of a number: the same up to 10,000 amounts summed in two orders
     * differ by at most 2·n·ε (2·10⁴·1.1·10⁻¹⁶ ≈ 2·10⁻¹²) of their absolute sum; 10⁻⁹ relative keeps
     * that margin for customers whose cancellations cancel most of their spend, and 10⁻⁶ absolute
     * (a millionth of a currency unit, of a day) covers a sum that comes out near zero.
     */
    private static final double RELATIVE = 1e-9;
    private static final double ABSOLUTE = 1e-6;

    @Test
    void theBackfillsProfilesAreTheLoadersAtEveryInstant() throws Exception {
        Path data = Path.of(System.getProperty("crm.data.dir", "../../shared/data"), "online-retail.csv.gz");
        assumeTrue(Files.exists(data), "the public Online Retail data is absent: " + data.toAbsolutePath());
        TableNames replayed = new TableNames("backfill-profiles", "backfill-orders");
        TableNames loaded = new TableNames("loader-profiles", "loader-orders");
        OfferCatalogue catalogue = OfferCatalogue.loadDefault();
        ProfileItemMapper mapper = new ProfileItemMapper();
        try (LocalDynamoDb local = LocalDynamoDb.start(); DynamoDbClient dynamo = local.client();
             ScoringFactory scoring = ScoringFactory.dynamoDb(dynamo, replayed.profiles(), replayed.orders(), OrtEnvironment::getEnvironment,
                     ScoringFactory.Settings.defaults())) {
            TableDefinitions.ensureTables(dynamo, replayed);
            TableDefinitions.ensureTables(dynamo, loaded);
            Replay.Report backfill = new Replay(dynamo, replayed, scoring, Replay.Options.backfill(), line -> { })
                    .run(new OnlineRetailReader().read(data).orders());
            RetailLoader.Report load = new RetailLoader(dynamo, loaded, line -> { }).load(data, id -> true);
            Map<String, Map<String, AttributeValue>> fromBackfill = scan(dynamo, replayed.profiles());
            Map<String, Map<String, AttributeValue>> fromLoader = scan(dynamo, loaded.profiles());

            assertEquals(0, backfill.ordersLost());
            assertEquals(0, backfill.ordersDoubleCounted());
            assertEquals(4372, fromLoader.size(), "the bundled shop's customers");
            assertEquals(fromLoader.keySet(), fromBackfill.keySet(), "the same customers");
            Instant asOf = load.profilesAsOf();
            int compared = 0;
            for (Map.Entry<String, Map<String, AttributeValue>> e : fromLoader.entrySet()) {
                String id = e.getKey();
                Map<String, AttributeValue> live = fromBackfill.get(id);
                CustomerHistory replayedHistory = ProfileItemMapper.history(live).orElseThrow();
                CustomerHistory loadedHistory = ProfileItemMapper.history(e.getValue()).orElseThrow();
                assertEquals(loadedHistory.orderCount(), replayedHistory.orderCount(), "customer " + id);
                assertTrue(live.containsKey(ProfileItemAttributes.VERSION), "written conditionally: customer " + id);
                assertTrue(!ProfileItemMapper.optedOut(live) && !ProfileItemMapper.optedOut(e.getValue()), "customer " + id);
                // The live snapshot describes the customer's last order; read as of the loader's instant,
                // and a quarter and a year later, the two histories say the same.
                for (Instant at : List.of(asOf, asOf.plus(Duration.ofDays(90)), asOf.plus(Duration.ofDays(365)))) {
                    assertSameAttributes(id + " at " + at,
                            mapper.toItem(id, loadedHistory, catalogue, false, at), mapper.toItem(id, replayedHistory, catalogue, false, at));
                }
                // And the loader's item is that snapshot: the import is the backfill as of the end of the data.
                Map<String, AttributeValue> imported = new HashMap<>(e.getValue());
                assertSameAttributes(id + " as imported", imported, mapper.toItem(id, replayedHistory, catalogue, false, asOf));
                compared++;
            }
            assertEquals(4372, compared);
        }
    }

    /** Every attribute but the history: strings and flags equal, numbers within the summation bound. */
    private static void assertSameAttributes(String what, Map<String, AttributeValue> expected, Map<String, AttributeValue> actual) {
        Set<String> names = new TreeSet<>(expected.keySet());
        names.remove(ProfileItemAttributes.ORDER_HISTORY);
        Set<String> actualNames = new TreeSet<>(actual.keySet());
        actualNames.remove(ProfileItemAttributes.ORDER_HISTORY);
        assertEquals(names, actualNames, what);
        for (String name : names) {
            AttributeValue a = expected.get(name);
            AttributeValue b = actual.get(name);
            if (a.n() != null && b.n() != null) {
                double x = Double.parseDouble(a.n());
                double y = Double.parseDouble(b.n());
                assertTrue(Math.abs(x - y) <= Math.max(ABSOLUTE, RELATIVE * Math.max(Math.abs(x), Math.abs(y))),
                        what + ": " + name + " " + x + " against " + y);
            } else {
                assertEquals(a, b, what + ": " + name);
            }
        }
    }

    private static Map<String, Map<String, AttributeValue>> scan(DynamoDbClient dynamo, String table) {
        Map<String, Map<String, AttributeValue>> out = new HashMap<>();
        dynamo.scanPaginator(b -> b.tableName(table)).items().forEach(item -> out.put(item.get(CustomerAttributes.CUSTOMER_ID).s(), item));
        return out;
    }
}
