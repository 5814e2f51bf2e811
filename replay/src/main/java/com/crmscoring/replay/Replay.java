package com.crmscoring.replay;

import com.crmscoring.infra.dynamo.TableNames;
import com.crmscoring.scoring.churn.ChurnScore;
import com.crmscoring.scoring.churn.ChurnScorer;
import com.crmscoring.scoring.config.ScoringFactory;
import com.crmscoring.scoring.orders.ConcurrentUpdateException;
import com.crmscoring.scoring.orders.OrderEventProcessor;
import com.crmscoring.scoring.score.CustomerFeatureReader;
import com.crmscoring.scoring.score.CustomerFeatures;
import com.crmscoring.scoring.score.ScoreStatus;
import com.crmscoring.scoring.segment.SegmentScore;
import com.crmscoring.scoring.segment.SegmentScorer;
import com.crmscoring.scoring.value.LifetimeValueScore;
import com.crmscoring.scoring.value.LifetimeValueScorer;
import com.crmscoring.shared.aggregates.CustomerHistory;
import com.crmscoring.shared.aggregates.OrderAggregator;
import com.crmscoring.shared.aggregates.ProfileBuilder;
import com.crmscoring.shared.domain.CustomerAttributes;
import com.crmscoring.shared.domain.CustomerProfile;
import com.crmscoring.shared.domain.Order;
import com.crmscoring.shared.features.FeatureSource;
import com.crmscoring.shared.features.ProfileFeatureSource;
import com.crmscoring.shared.model.OnnxModel;
import com.crmscoring.shared.model.ServedModel;
import com.crmscoring.shared.offers.OfferCatalogue;
import com.crmscoring.storage.orders.DynamoDbOrderStore;
import com.crmscoring.storage.privacy.DynamoDbPrivacyStore;
import com.crmscoring.storage.profile.ProfileItemAttributes;
import com.crmscoring.storage.profile.ProfileItemMapper;
import com.crmscoring.storage.profile.StoredProfile;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Plays an order history in time order through the order-event processing (the queue entry's
 * steps: refuse an erased customer's old order, store the order, apply it), as Lambda would
 * deliver it: every order twice, a share of deliveries delayed behind later ones, two consumers in
 * parallel, and objections to profiling arriving among the orders. At the first instant of every
 * month it scores every customer through the production scorers (DynamoDB, the stored history,
 * {@link CustomerFeatureReader}) for that instant, and compares with the offline truth: the training
 * code's features ({@link ProfileBuilder} over the orders before the instant) scored by the same
 * ONNX models.
 *
 * <p>Without faults and checkpoints, the same run is a backfill of deployed tables.
 */
public final class Replay {

    /**
     * Largest accepted difference of a churn probability: the answer is rounded to 1e-6, and the
     * same model on the same float32 input gives the same float; the history and the offline
     * aggregator sum the same amounts in another order, which moves a feature by about 1e-15
     * relative, far below float32's 6e-8, so the input vectors are equal but for rare last-bit
     * cases. Two roundings of 1e-6 cover both.
     */
    static final double PROBABILITY_TOLERANCE = 2e-6;
    /**
     * Lifetime value is answered in cents: two roundings of half a cent, plus float32's relative
     * 1e-6 of the amount for a last-bit difference in the forecast.
     */
    static final double SPEND_TOLERANCE = 0.011;
    static final double SPEND_RELATIVE_TOLERANCE = 1e-6;

    /** What to run. */
    public record Options(int customers, boolean faults, int consumers, double delayedShare, double objectingShare,
                          boolean checkpoints, long seed) {

        public static Options full() {
            return new Options(0, true, 2, 0.05, 0.02, true, 42);
        }

        public static Options backfill() {
            return new Options(0, false, 2, 0, 0, false, 42);
        }
    }

    /** One checkpoint's comparison. */
    public record Checkpoint(Instant at, int customers, int optedOut, int mismatches, double maxProbabilityDifference,
                             double maxSpendDifference) {
    }

    /** A customer's churn probability as the old frozen profile gave it, beside the time-correct one. */
    public record FrozenVersusTimeCorrect(String customerId, Instant lastOrder, Map<Instant, double[]> churn) {
    }

    /** What a run showed. */
    public record Report(int customers, int orders, int deliveries, int redeliveries, double ordersPerSecond,
                         List<Checkpoint> checkpoints, int ordersLost, int ordersDoubleCounted, int objections,
                         int objectionsLost, List<FrozenVersusTimeCorrect> frozen) {

        public int mismatches() {
            return checkpoints.stream().mapToInt(Checkpoint::mismatches).sum();
        }
    }

    private final DynamoDbClient dynamo;
    private final TableNames tables;
    private final Options options;
    private final Consumer<String> progress;
    private final OnnxModel churnModel;
    private final OnnxModel segmentModel;
    private final OnnxModel valueModel;
    private final OfferCatalogue catalogue;
    private final ChurnScorer churn;
    private final SegmentScorer segment;
    private final LifetimeValueScorer value;
    private final OrderEventProcessor processor;
    private final DynamoDbOrderStore store;
    private final DynamoDbPrivacyStore privacy;

    /**
     * @param scoring the production scorers over {@code tables}; their clock is never read, since
     *                every score here names its instant
     */
    public Replay(DynamoDbClient dynamo, TableNames tables, ScoringFactory scoring, Options options, Consumer<String> progress) {
        this.dynamo = dynamo;
        this.tables = tables;
        this.options = options;
        this.progress = progress;
        this.churnModel = scoring.model(ServedModel.CHURN);
        this.segmentModel = scoring.model(ServedModel.SEGMENTS);
        this.valueModel = scoring.model(ServedModel.LIFETIME_VALUE);
        this.catalogue = scoring.model(ServedModel.NEXT_BEST_OFFER).metadata().offers();
        this.churn = scoring.churn();
        this.segment = scoring.segment();
        this.value = scoring.lifetimeValue();
        this.processor = scoring.orderEvents();
        this.store = new DynamoDbOrderStore(dynamo, tables.orders(), tables.profiles());
        // Objections are recorded at the instant the replay chooses, not the clock's: straight to the store.
        this.privacy = new DynamoDbPrivacyStore(dynamo, tables.profiles(), tables.orders());
    }

    public Report run(List<Order> history) throws InterruptedException {
        Random random = new Random(options.seed());
        List<Order> orders = select(history, random);
        orders.sort(Comparator.comparing(Order::orderedAt).thenComparing(Order::orderId));
        Map<String, List<Order>> byCustomer = new TreeMap<>();
        orders.forEach(o -> byCustomer.computeIfAbsent(o.customerId(), k -> new ArrayList<>()).add(o));
        List<Instant> checkpoints = checkpoints(orders);
        Set<String> objecting = new HashSet<>();
        for (String id : byCustomer.keySet()) {
            if (random.nextDouble() < options.objectingShare()) {
                objecting.add(id);
            }
        }
        progress.accept(String.format("replaying %,d orders of %,d customers%s", orders.size(), byCustomer.size(),
                options.faults() ? ", every order twice, " + Math.round(100 * options.delayedShare()) + " % delayed, "
                        + options.consumers() + " consumers, " + objecting.size() + " objections to profiling" : ""));

        ExecutorService consumers = Executors.newFixedThreadPool(options.consumers());
        List<Checkpoint> results = new ArrayList<>();
        Map<String, Map<Instant, double[]>> frozen = options.checkpoints() ? new TreeMap<>(frozenCandidates(byCustomer)) : new TreeMap<>();
        AtomicInteger deliveries = new AtomicInteger();
        AtomicInteger redeliveries = new AtomicInteger();
        long processingNanos = 0;
        int next = 0;
        Set<String> objected = ConcurrentHashMap.newKeySet();
        try {
            for (Instant checkpoint : checkpoints) {
                // Everything ordered before the checkpoint, delivered with the faults, then drained.
                List<Order> segmentOrders = new ArrayList<>();
                while (next < orders.size() && orders.get(next).orderedAt().isBefore(checkpoint)) {
                    segmentOrders.add(orders.get(next++));
                }
                long start = System.nanoTime();
                deliver(segmentOrders, objecting, objected, consumers, random, deliveries, redeliveries);
                processingNanos += System.nanoTime() - start;
                if (options.checkpoints()) {
                    results.add(compare(checkpoint, byCustomer, frozen));
                    Checkpoint c = results.getLast();
                    progress.accept(String.format("  %s: %,d customers scored, %,d opted out, %d mismatches (largest differences:"
                            + " probability %.1e, spend %.3f)", checkpoint.toString().substring(0, 10), c.customers(), c.optedOut(),
                            c.mismatches(), c.maxProbabilityDifference(), c.maxSpendDifference()));
                }
            }
        } finally {
            consumers.shutdownNow();
        }
        int lost = 0;
        int doubled = 0;
        for (Map.Entry<String, List<Order>> e : byCustomer.entrySet()) {
            Map<String, AttributeValue> item = item(e.getKey());
            CustomerHistory stored = ProfileItemMapper.history(item).orElse(new CustomerHistory());
            Set<String> ids = new HashSet<>();
            e.getValue().forEach(o -> ids.add(o.orderId()));
            int counted = stored.orderCount();
            lost += (int) ids.stream().filter(id -> !stored.contains(id)).count();
            Instant after = stored.lastEventAt() == null ? Instant.EPOCH : stored.lastEventAt().plusSeconds(1);
            var a = stored.lastEventAt() == null ? null : stored.aggregatesAt(after);
            long purchases = e.getValue().stream().filter(o -> !o.cancellation()).count();
            doubled += Math.max(0, counted - ids.size()) + (a == null ? 0 : (int) Math.max(0, a.ordersTotal() - purchases));
        }
        int objectionsLost = 0;
        for (String id : objected) {
            Map<String, AttributeValue> item = item(id);
            AttributeValue flag = item.get(CustomerAttributes.PROFILING_OPT_OUT);
            if (flag == null || !Boolean.TRUE.equals(flag.bool()) || item.containsKey(ProfileItemAttributes.SCORES)) {
                objectionsLost++;
            }
        }
        List<FrozenVersusTimeCorrect> shown = new ArrayList<>();
        frozen.forEach((id, byInstant) -> shown.add(new FrozenVersusTimeCorrect(id,
                byCustomer.get(id).stream().map(Order::orderedAt).max(Instant::compareTo).orElseThrow(), byInstant)));
        double seconds = processingNanos / 1e9;
        return new Report(byCustomer.size(), orders.size(), deliveries.get(), redeliveries.get(), deliveries.get() / seconds, results,
                lost, doubled, objected.size(), objectionsLost, shown);
    }

    private List<Order> select(List<Order> history, Random random) {
        if (options.customers() <= 0) {
            return new ArrayList<>(history);
        }
        List<String> ids = new ArrayList<>(new java.util.TreeSet<>(history.stream().map(Order::customerId).toList()));
        Collections.shuffle(ids, random);
        Set<String> chosen = new HashSet<>(ids.subList(0, Math.min(options.customers(), ids.size())));
        return new ArrayList<>(history.stream().filter(o -> chosen.contains(o.customerId())).toList());
    }

    /** The first instant of every month after the first order, and the end of the data. */
    private static List<Instant> checkpoints(List<Order> orders) {
        Instant first = orders.getFirst().orderedAt();
        Instant last = orders.getLast().orderedAt();
        List<Instant> out = new ArrayList<>();
        ZonedDateTime t = first.atZone(ZoneOffset.UTC).withDayOfMonth(1).toLocalDate().atStartOfDay(ZoneOffset.UTC).plusMonths(1);
        while (t.toInstant().isBefore(last)) {
            out.add(t.toInstant());
            t = t.plusMonths(1);
        }
        out.add(ProfileBuilder.observationEnd(orders));
        return out;
    }

    /**
     * Delivers a segment's orders: twice each with faults on, a share of deliveries moved up to 50
     * places later, objections to profiling mixed in, on the consumers in parallel. A record that
     * kept losing its race is delivered again, as Lambda redelivers a batch item failure.
     */
    private void deliver(List<Order> segmentOrders, Set<String> objecting, Set<String> objected, ExecutorService consumers,
                         Random random, AtomicInteger deliveries, AtomicInteger redeliveries) throws InterruptedException {
        List<Runnable> tasks = new ArrayList<>();
        for (Order o : segmentOrders) {
            tasks.add(() -> apply(o));
            if (options.faults()) {
                tasks.add(() -> apply(o));
                if (objecting.contains(o.customerId()) && objected.add(o.customerId())) {
                    // Objects right after their first order in the replay, while its deliveries are in flight.
                    tasks.add(() -> privacy.recordObjection(o.customerId(), o.orderedAt().plusSeconds(1)));
                }
            }
        }
        if (options.faults()) {
            for (int i = 0; i < tasks.size(); i++) {
                if (random.nextDouble() < options.delayedShare()) {
                    int j = Math.min(tasks.size() - 1, i + 1 + random.nextInt(50));
                    Collections.swap(tasks, i, j);
                }
            }
        }
        List<Runnable> pending = tasks;
        while (!pending.isEmpty()) {
            List<Future<?>> futures = new ArrayList<>();
            for (Runnable task : pending) {
                futures.add(consumers.submit(task));
            }
            List<Runnable> again = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                try {
                    futures.get(i).get();
                    deliveries.incrementAndGet();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof ConcurrentUpdateException)) {
                        throw new IllegalStateException("a delivery failed: " + e.getCause().getMessage(), e.getCause());
                    }
                    redeliveries.incrementAndGet();
                    again.add(pending.get(i));
                }
            }
            pending = again;
        }
    }

    /** What the queue entry does. */
    private void apply(Order order) {
        processor.storeAndProcess(order);
    }

    private Checkpoint compare(Instant at, Map<String, List<Order>> byCustomer, Map<String, Map<Instant, double[]>> frozen) {
        ProfileBuilder builder = new ProfileBuilder(new OrderAggregator());
        int customers = 0;
        int optedOut = 0;
        int mismatches = 0;
        double maxP = 0;
        double maxSpend = 0;
        for (Map.Entry<String, List<Order>> e : byCustomer.entrySet()) {
            List<Order> before = e.getValue().stream().filter(o -> o.orderedAt().isBefore(at)).toList();
            if (before.isEmpty()) {
                continue;
            }
            String id = e.getKey();
            customers++;
            ChurnScore c = churn.score(id, at.toString());
            if (c.status() != ScoreStatus.SCORED) {
                optedOut++;
                continue;
            }
            SegmentScore s = segment.score(id, at.toString());
            LifetimeValueScore v = value.score(id, at.toString());
            CustomerProfile truth = builder.build(id, before, at, false);
            Map<String, Double> family = CustomerHistory.of(before, at, catalogue).familyAttributesAt(catalogue, at);
            FeatureSource source = attribute -> {
                Object own = new ProfileFeatureSource(truth).value(attribute);
                return own != null ? own : family.get(attribute);
            };
            double p = Math.round(score(churnModel, source) * 1e6) / 1e6;
            FeatureSource valueSource = LifetimeValueScorer.modelInput(valueModel.metadata().customerBase(), source);
            double spend = Math.max(0, Math.round(score(valueModel, valueSource) * 100) / 100.0);
            float[] distances = segmentModel.outputs(segmentModel.batch(List.of(source)), 1)[0];
            int nearest = 0;
            for (int k = 1; k < distances.length; k++) {
                nearest = distances[k] < distances[nearest] ? k : nearest;
            }
            double dp = Math.abs(p - c.churnProbability());
            double ds = Math.abs(spend - v.expectedSpend());
            maxP = Math.max(maxP, dp);
            maxSpend = Math.max(maxSpend, ds);
            // A customer without a purchase (cancellations only) is in no segment, offline as online.
            boolean sameSegment = s.segmentId() == null ? truth.aggregates().isProspect()
                    : !truth.aggregates().isProspect() && nearest == s.segmentId();
            if (dp > PROBABILITY_TOLERANCE || ds > SPEND_TOLERANCE + SPEND_RELATIVE_TOLERANCE * spend || !sameSegment) {
                mismatches++;
            }
            Map<Instant, double[]> shown = frozen.get(id);
            if (shown != null) {
                shown.put(at, new double[] {frozenChurn(id), c.churnProbability()});
            }
        }
        return new Checkpoint(at, customers, optedOut, mismatches, maxP, maxSpend);
    }

    private static double score(OnnxModel model, FeatureSource source) {
        return model.scores(model.batch(List.of(source)), 1)[0];
    }

    /** What the old code served: the profile's stored snapshot, as of just after its latest order. */
    private double frozenChurn(String id) {
        StoredProfile stored = new ProfileItemMapper().stored(item(id));
        CustomerFeatures snapshot = new CustomerFeatures(id, false, stored.snapshotAsOf(), stored.snapshotAttributes(), stored.snapshot(),
                null);
        return churn.scoreAll(List.of(snapshot)).getFirst().churnProbability();
    }

    /** A handful of real customers who stop ordering early: where a frozen profile is most wrong. */
    private static Map<String, Map<Instant, double[]>> frozenCandidates(Map<String, List<Order>> byCustomer) {
        Map<String, Map<Instant, double[]>> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<Order>> e : byCustomer.entrySet()) {
            List<Order> orders = e.getValue();
            long purchases = orders.stream().filter(o -> !o.cancellation()).count();
            Instant last = orders.getLast().orderedAt();
            if (purchases >= 3 && last.isBefore(Instant.parse("2011-06-01T00:00:00Z"))) {
                out.put(e.getKey(), new TreeMap<>());
            }
            if (out.size() == 5) {
                break;
            }
        }
        return out;
    }

    private Map<String, AttributeValue> item(String id) {
        return dynamo.getItem(b -> b.tableName(tables.profiles()).consistentRead(true)
                .key(Map.of(CustomerAttributes.CUSTOMER_ID, AttributeValue.fromS(id)))).item();
    }
}
