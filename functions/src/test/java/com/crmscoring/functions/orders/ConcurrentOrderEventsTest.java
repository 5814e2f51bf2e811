package com.crmscoring.functions.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtEnvironment;
import com.crmscoring.infra.dynamo.TableDefinitions;
import com.crmscoring.infra.dynamo.TableNames;
import com.crmscoring.infra.local.LocalDynamoDb;
import com.crmscoring.scoring.config.ScoringFactory;
import com.crmscoring.scoring.orders.ConcurrentUpdateException;
import com.crmscoring.scoring.orders.OrderEventProcessor;
import com.crmscoring.shared.aggregates.BehaviourAggregates;
import com.crmscoring.shared.aggregates.CustomerHistory;
import com.crmscoring.shared.domain.CustomerAttributes;
import com.crmscoring.shared.domain.Order;
import com.crmscoring.shared.domain.OrderLine;
import com.crmscoring.shared.offers.OfferCatalogue;
import com.crmscoring.storage.orders.DynamoDbOrderStore;
import com.crmscoring.storage.orders.OrderStore;
import com.crmscoring.storage.privacy.DynamoDbPrivacyStore;
import com.crmscoring.storage.profile.ProfileItemAttributes;
import com.crmscoring.storage.profile.ProfileItemMapper;
import com.crmscoring.storage.profile.ProfileUpdate;
import com.crmscoring.storage.profile.StoredProfile;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Order handlers racing on one customer against the real DynamoDB Local, with the real models:
 * two handlers interleaved on purpose, an objection to profiling arriving between a handler's read
 * and its write, and many handlers at once with every order delivered twice and out of order.
 * The only stand-in is a pause between a handler's read and its write, so that the interleaving
 * that production hits by chance happens here every time.
 */
class ConcurrentOrderEventsTest {

    private static final TableNames TABLES = new TableNames("race-profiles", "race-orders");
    private static final OfferCatalogue CATALOGUE = OfferCatalogue.loadDefault();
    private static LocalDynamoDb local;
    private static DynamoDbClient dynamo;
    private static ScoringFactory scoring;
    private static DynamoDbPrivacyStore privacy;

    @BeforeAll
    static void start() {
        local = LocalDynamoDb.start();
        dynamo = local.client();
        TableDefinitions.ensureTables(dynamo, TABLES);
        scoring = ScoringFactory.dynamoDb(dynamo, TABLES.profiles(), TABLES.orders(), OrtEnvironment::getEnvironment,
                ScoringFactory.Settings.defaults().withClock(Clock.fixed(Instant.parse("2011-12-10T00:00:00Z"), ZoneOffset.UTC)));
        privacy = new DynamoDbPrivacyStore(dynamo, TABLES.profiles(), TABLES.orders());
    }

    @AfterAll
    static void stop() {
        scoring.close();
        dynamo.close();
        local.close();
    }

    /** The production processor, but over {@code store}: the hooked stores below make the interleavings happen. */
    private static OrderEventProcessor processor(OrderStore store) {
        return new OrderEventProcessor(store, scoring.features(), scoring.fraud(), scoring.churn(), scoring.segment(),
                scoring.lifetimeValue(), CATALOGUE);
    }

    private static DynamoDbOrderStore realStore() {
        return new DynamoDbOrderStore(dynamo, TABLES.orders(), TABLES.profiles());
    }

    private static Order order(String customer, String id, String at, double price) {
        return new Order(id, customer, Instant.parse(at), "United Kingdom", false,
                List.of(new OrderLine("85123A", "WHITE HANGING HEART T-LIGHT HOLDER", 6, price)));
    }

    private static Map<String, AttributeValue> item(String customer) {
        return dynamo.getItem(b -> b.tableName(TABLES.profiles()).consistentRead(true)
                .key(Map.of(CustomerAttributes.CUSTOMER_ID, AttributeValue.fromS(customer)))).item();
    }

    private static CustomerHistory history(String customer) {
        return ProfileItemMapper.history(item(customer)).orElseThrow();
    }

    /** The real store, running {@code afterRead} after each profile read: the hook where a test makes another writer act. */
    private static OrderStore withHookAfterRead(Consumer<String> afterRead) {
        DynamoDbOrderStore real = realStore();
        return new OrderStore() {
            public List<Order> ordersOf(String customerId) {
                return real.ordersOf(customerId);
            }

            public OrdersRead ordersForJob(String customerId) {
                return real.ordersForJob(customerId);
            }

            public void putOrder(Order order) {
                real.putOrder(order);
            }

            public Optional<StoredProfile> profile(String customerId) {
                Optional<StoredProfile> profile = real.profile(customerId);
                afterRead.accept(customerId);
                return profile;
            }

            public boolean updateProfile(ProfileUpdate update, Long expected) {
                return real.updateProfile(update, expected);
            }
        };
    }

    /** The real store, pausing its handler after the first profile read until {@code resume} opens (telling {@code paused}). */
    private static OrderStore pausingAfterRead(CountDownLatch paused, CountDownLatch resume) {
        AtomicBoolean first = new AtomicBoolean(true);
        return withHookAfterRead(customerId -> {
            if (first.getAndSet(false)) {
                paused.countDown();
                await(resume);
            }
        });
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(30, TimeUnit.SECONDS), "the other side never arrived");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void twoHandlersInterleaved_theSlowerRetries_andBothOrdersCount() throws Exception {
        String customer = "RACE-TWO";
        processor(realStore()).process(order(customer, "A0", "2011-10-01T10:00:00Z", 2.0));
        CountDownLatch paused = new CountDownLatch(1);
        CountDownLatch resume = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            // A reads the profile (one order) and stops; B applies its order and writes; A goes on.
            Future<OrderEventProcessor.Outcome> slow = pool.submit(() ->
                    processor(pausingAfterRead(paused, resume)).process(order(customer, "A1", "2011-11-01T10:00:00Z", 3.0)));
            await(paused);
            OrderEventProcessor.Outcome fast = processor(realStore()).process(order(customer, "B1", "2011-11-02T10:00:00Z", 4.0));
            resume.countDown();
            OrderEventProcessor.Outcome late = slow.get(60, TimeUnit.SECONDS);

            assertEquals(1, fast.attempts());
            assertEquals(2, late.attempts(), "the slower handler's write was refused once, then it re-read and won");
            CustomerHistory stored = history(customer);
            assertEquals(3, stored.orderCount(), "no order lost: the slower write did not overwrite the faster");
            BehaviourAggregates a = stored.aggregatesAt(Instant.parse("2011-12-10T00:00:00Z"));
            assertEquals(6 * 2.0 + 6 * 3.0 + 6 * 4.0, a.spendTotal(), 1e-9);
            assertEquals("3", item(customer).get(ProfileItemAttributes.VERSION).n(), "three writes, three versions");
        } finally {
            pool.shutdownNow();
        }
    }

    /** Issue #10: an objection written between a handler's read and its write must survive, and stop the scores. */
    @Test
    void anObjectionArrivingMidway_survives_andNoScoresAreStoredAfterIt() throws Exception {
        String customer = "RACE-OPTOUT";
        processor(realStore()).process(order(customer, "O1", "2011-10-01T10:00:00Z", 2.0));
        assertNotNull(item(customer).get(ProfileItemAttributes.SCORES), "scored while the customer had not objected");
        CountDownLatch paused = new CountDownLatch(1);
        CountDownLatch resume = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<OrderEventProcessor.Outcome> handler = pool.submit(() ->
                    processor(pausingAfterRead(paused, resume)).process(order(customer, "O2", "2011-11-01T10:00:00Z", 3.0)));
            await(paused);
            privacy.recordObjection(customer, Instant.parse("2011-11-01T12:00:00Z"));
            resume.countDown();
            assertEquals(2, handler.get(60, TimeUnit.SECONDS).attempts());

            Map<String, AttributeValue> item = item(customer);
            assertTrue(item.get(CustomerAttributes.PROFILING_OPT_OUT).bool(), "the objection was not overwritten");
            assertEquals("2011-11-01T12:00:00Z", item.get(ProfileItemAttributes.PROFILING_OPT_OUT_AT).s());
            assertNull(item.get(ProfileItemAttributes.SCORES), "no profiling-based scores after an objection");
            assertEquals(2, history(customer).orderCount(), "the order itself still counts");
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Eight handlers at once on three customers, every order delivered twice and in shuffled order,
     * one customer objecting while it happens: every order counted exactly once, the objection kept.
     */
    @Test
    void manyHandlersAtOnce_duplicatesAndDisorder_countEveryOrderOnce() throws Exception {
        Random random = new Random(17);
        List<Order> orders = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < 30; i++) {
                orders.add(order("CROWD-" + c, "C" + c + "-" + i,
                        Instant.parse("2011-01-01T00:00:00Z").plusSeconds(86_400L * random.nextInt(330) + i).toString(),
                        1 + random.nextInt(20)));
            }
        }
        List<Order> deliveries = new ArrayList<>(orders);
        deliveries.addAll(orders);
        Collections.shuffle(deliveries, random);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        int failedAfterRetries = 0;
        try {
            for (int i = 0; i < deliveries.size(); i++) {
                Order o = deliveries.get(i);
                done.add(pool.submit(() -> processor(realStore()).process(o)));
                if (i == deliveries.size() / 2) {
                    done.add(pool.submit(() -> privacy.recordObjection("CROWD-1", Instant.parse("2011-06-01T00:00:00Z"))));
                }
            }
            List<Order> redeliver = new ArrayList<>();
            for (int i = 0; i < done.size(); i++) {
                try {
                    done.get(i).get(120, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    // A record that kept losing is failed, not dropped: Lambda redelivers it.
                    assertTrue(e.getCause() instanceof ConcurrentUpdateException, e.getCause().toString());
                    failedAfterRetries++;
                }
            }
            // What Lambda does with failed records: deliver every order once more, sequentially.
            orders.forEach(o -> redeliver.add(o));
            for (Order o : redeliver) {
                processor(realStore()).process(o);
            }
        } finally {
            pool.shutdownNow();
        }
        Instant at = Instant.parse("2011-12-10T00:00:00Z");
        for (int c = 0; c < 3; c++) {
            String customer = "CROWD-" + c;
            List<Order> own = orders.stream().filter(o -> o.customerId().equals(customer)).toList();
            CustomerHistory stored = history(customer);
            assertEquals(30, stored.orderCount(), customer + ": every order exactly once");
            BehaviourAggregates want = CustomerHistory.of(own, null, CATALOGUE).aggregatesAt(at);
            BehaviourAggregates got = stored.aggregatesAt(at);
            assertEquals(want.ordersTotal(), got.ordersTotal(), customer);
            assertEquals(want.spendTotal(), got.spendTotal(), 1e-9 * want.spendTotal(), customer);
            assertEquals(want.spend90(), got.spend90(), 1e-9 * Math.max(1, want.spend90()), customer);
        }
        Map<String, AttributeValue> objected = item("CROWD-1");
        assertTrue(objected.get(CustomerAttributes.PROFILING_OPT_OUT).bool(), "the objection survived " + deliveries.size() + " writes");
        assertNull(objected.get(ProfileItemAttributes.SCORES));
        assertNotNull(item("CROWD-0").get(ProfileItemAttributes.SCORES));
        assertFalse(failedAfterRetries > deliveries.size() / 4, failedAfterRetries + " records failed after " +
                OrderEventProcessor.MAX_ATTEMPTS + " attempts");
    }

    @Test
    void aHandlerThatKeepsLosing_failsTheRecord_andWritesNothing() {
        String customer = "RACE-LOSER";
        processor(realStore()).process(order(customer, "L1", "2011-10-01T10:00:00Z", 2.0));
        // Another writer changes the profile after every read of this handler.
        OrderStore alwaysBeaten = withHookAfterRead(id -> privacy.withdrawObjection(id, Instant.parse("2011-10-02T00:00:00Z")));
        assertThrows(ConcurrentUpdateException.class, () -> processor(alwaysBeaten).process(order(customer, "L2", "2011-11-01T10:00:00Z", 3.0)));
        assertEquals(1, history(customer).orderCount(), "nothing half-written");
    }
}
