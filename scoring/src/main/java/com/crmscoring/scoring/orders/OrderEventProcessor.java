package com.crmscoring.scoring.orders;

import com.crmscoring.scoring.churn.ChurnScore;
import com.crmscoring.scoring.churn.ChurnScorer;
import com.crmscoring.scoring.fraud.FraudScore;
import com.crmscoring.scoring.fraud.FraudScorer;
import com.crmscoring.scoring.score.CustomerFeatureReader;
import com.crmscoring.scoring.score.CustomerFeatures;
import com.crmscoring.scoring.segment.SegmentScore;
import com.crmscoring.scoring.segment.SegmentScorer;
import com.crmscoring.scoring.value.LifetimeValueScore;
import com.crmscoring.scoring.value.LifetimeValueScorer;
import com.crmscoring.shared.aggregates.CustomerHistory;
import com.crmscoring.shared.aggregates.OrderAggregator;
import com.crmscoring.shared.aggregates.ProfileBuilder;
import com.crmscoring.shared.domain.CustomerProfile;
import com.crmscoring.shared.domain.Order;
import com.crmscoring.shared.offers.OfferCatalogue;
import com.crmscoring.storage.orders.OrderStore;
import com.crmscoring.storage.profile.ProfileUpdate;
import com.crmscoring.storage.profile.StoredProfile;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What happens when an order arrives: screen it for fraud against the customer's history before
 * it, apply it to the customer's stored history, rescore, and write back only what this handler
 * owns.
 *
 * <p>Safe under at-least-once, out-of-order and concurrent delivery:
 * <ul>
 *   <li><b>Idempotent by order id.</b> The history keeps the ids it has applied; an order seen
 *       before changes nothing and writes nothing.</li>
 *   <li><b>Conditional.</b> The write succeeds only if the item's version is still the one read;
 *       a handler that lost the race re-reads and retries, at most {@link #MAX_ATTEMPTS} times,
 *       then fails the record ({@link ConcurrentUpdateException}), which the function reports as a
 *       batch item failure to be redelivered, never dropped.</li>
 *   <li><b>Owned attributes only.</b> It sets the history, the aggregate snapshot, the scores and
 *       the screening, and never writes {@code profilingOptOut}: a consent recorded by another
 *       writer survives, and since that writer bumps the version, scores computed before an
 *       objection are never stored after it.</li>
 * </ul>
 * A profile stored without a history (written before histories existed, or created by a consent
 * alone) is rebuilt once from the customer's orders in the orders table: the repair path.
 */
public final class OrderEventProcessor {

    /** Tries of one order against concurrent writers before the record is failed for redelivery. */
    public static final int MAX_ATTEMPTS = 8;

    /** What processing one order did. */
    public record Outcome(String customerId, String orderId, String fraudDecision, boolean profileChanged, int ordersInHistory,
                          int attempts) {
    }

    private final OrderStore store;
    private final CustomerFeatureReader features;
    private final FraudScorer fraud;
    private final ChurnScorer churn;
    private final SegmentScorer segment;
    private final LifetimeValueScorer value;
    private final OfferCatalogue catalogue;

    public OrderEventProcessor(OrderStore store, CustomerFeatureReader features, FraudScorer fraud, ChurnScorer churn, SegmentScorer segment,
                               LifetimeValueScorer value, OfferCatalogue catalogue) {
        this.store = store;
        this.features = features;
        this.fraud = fraud;
        this.churn = churn;
        this.segment = segment;
        this.value = value;
        this.catalogue = catalogue;
    }

    /** @throws ConcurrentUpdateException when other writers kept changing the profile */
    public Outcome process(Order order) {
        String id = order.customerId();
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<StoredProfile> existing = store.profile(id);
            Long version = existing.map(StoredProfile::version).orElse(null);
            Instant erasedAt = existing.map(StoredProfile::erasedAt).orElse(null);
            if (erasedAt != null && !order.orderedAt().isAfter(erasedAt)) {
                // An order from before the customer's erasure, delivered late: it must not bring them back.
                return new Outcome(id, order.orderId(), null, false, 0, attempt);
            }
            if (erasedAt != null) {
                // A new order after an erasure starts a new profile: nothing from before is read.
                existing = Optional.empty();
            }
            boolean optedOut = existing.map(StoredProfile::profilingOptOut).orElse(false);
            Optional<CustomerHistory> stored = existing.map(StoredProfile::history);
            boolean rebuilt = existing.isPresent() && stored.isEmpty();
            CustomerHistory history = stored.orElseGet(() -> rebuilt ? CustomerHistory.of(store.ordersOf(id), null, catalogue)
                    : new CustomerHistory());
            if (history.contains(order.orderId()) && !rebuilt) {
                return new Outcome(id, order.orderId(), null, false, history.orderCount(), attempt);   // seen before
            }
            FraudScore screening = order.cancellation() ? null : fraud.screen(order, before(id, history, order));
            history.apply(order, catalogue);

            // The snapshot describes the moment just after the latest order, as the loader's does.
            Instant snapshotAsOf = history.lastEventAt().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
            CustomerProfile snapshot = new CustomerProfile(id, history.country(), optedOut, history.aggregatesAt(snapshotAsOf));
            ProfileUpdate update = new ProfileUpdate(id, history, snapshot, history.familyAttributesAt(catalogue, snapshotAsOf),
                    optedOut ? null : scores(features.describe(id, false, history, snapshotAsOf)),   // no profiling of an objector
                    screening == null ? null : new ProfileUpdate.OrderScreening(order.orderId(), screening.decision(),
                            screening.anomalyScore(), screening.model() + " " + screening.modelVersion()));
            if (store.updateProfile(update, version)) {
                return new Outcome(id, order.orderId(), screening == null ? null : screening.decision(), true,
                        history.orderCount(), attempt);
            }
            // Another writer got there first: read its profile and apply the order to that.
        }
        throw new ConcurrentUpdateException("the profile changed under " + MAX_ATTEMPTS + " attempts to apply an order;"
                + " the record is failed for redelivery");
    }

    /**
     * The customer just before the order, to screen it against: from the history when the order
     * is newer than everything applied (the usual case), else, for an order delivered late, from
     * the orders stored before it.
     */
    private CustomerProfile before(String id, CustomerHistory history, Order order) {
        CustomerProfile profile;
        if (history.canDescribe(order.orderedAt())) {
            profile = new CustomerProfile(id, history.country(), false, history.aggregatesAt(order.orderedAt()));
        } else {
            List<Order> earlier = store.ordersOf(id).stream().filter(o -> !o.orderId().equals(order.orderId())).toList();
            profile = new ProfileBuilder(new OrderAggregator()).build(id, earlier, order.orderedAt(), false);
        }
        return profile.aggregates().isProspect() ? null : profile;
    }

    /**
     * An order taken from the queue: stored in the orders table, then processed; unless it is from
     * before its customer's erasure, when storing it would bring their data back.
     */
    public Outcome storeAndProcess(Order order) {
        if (!accepts(order)) {
            return new Outcome(order.customerId(), order.orderId(), null, false, 0, 1);
        }
        store.putOrder(order);
        return process(order);
    }

    private boolean accepts(Order order) {
        Instant erasedAt = store.profile(order.customerId()).map(StoredProfile::erasedAt).orElse(null);
        return erasedAt == null || order.orderedAt().isAfter(erasedAt);
    }

    private ProfileUpdate.StoredScores scores(CustomerFeatures customer) {
        ChurnScore c = churn.scoreAll(List.of(customer)).get(0);
        SegmentScore s = segment.scoreAll(List.of(customer)).get(0);
        LifetimeValueScore v = value.scoreAll(List.of(customer)).get(0);
        Map<String, String> models = new LinkedHashMap<>();
        models.put(c.model(), c.modelVersion());
        models.put(s.model(), s.modelVersion());
        models.put(v.model(), v.modelVersion());
        return new ProfileUpdate.StoredScores(c.churnProbability(), c.riskBand(), s.segmentName(), s.lifecycleStage(),
                v.expectedSpend(), customer.asOf().toString(), models);
    }
}
