package com.crmscoring.scoring.orders;

import com.crmscoring.scoring.churn.ChurnScore;
import com.crmscoring.scoring.churn.ChurnScorer;
import com.crmscoring.scoring.fraud.FraudScore;
import com.crmscoring.scoring.fraud.FraudScorer;
import com.crmscoring.scoring.profile.DynamoDbProfileRepository;
import com.crmscoring.scoring.profile.StoredProfile;
import com.crmscoring.scoring.segment.SegmentScore;
import com.crmscoring.scoring.segment.SegmentScorer;
import com.crmscoring.scoring.value.LifetimeValueScore;
import com.crmscoring.scoring.value.LifetimeValueScorer;
import com.crmscoring.shared.aggregates.OrderAggregator;
import com.crmscoring.shared.aggregates.ProfileBuilder;
import com.crmscoring.shared.domain.CustomerProfile;
import com.crmscoring.shared.domain.Order;
import com.crmscoring.shared.dynamo.ProfileItemMapper;
import com.crmscoring.shared.offers.FamilyAggregates;
import com.crmscoring.shared.offers.OfferCatalogue;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What happens when an order arrives: screen it for fraud against the customer's history before
 * it, recompute the customer's aggregates from their whole order history with the shared
 * aggregator, rescore the customer and write the profile back with the scores.
 *
 * <p>Idempotent by construction: aggregates are recomputed from the stored history rather than
 * incremented, and the profile's as-of moment is derived from that history (just after its
 * latest order), so a replayed or duplicated event writes the same item again and nothing is
 * counted twice.
 */
public final class OrderEventProcessor {

    /** What processing one order did. */
    public record Outcome(String customerId, String orderId, String fraudDecision, boolean profileChanged, int ordersInHistory) {
    }

    private final OrderStore store;
    private final FraudScorer fraud;
    private final ChurnScorer churn;
    private final SegmentScorer segment;
    private final LifetimeValueScorer value;
    private final OfferCatalogue catalogue;
    private final ProfileBuilder builder = new ProfileBuilder(new OrderAggregator());
    private final ProfileItemMapper mapper = new ProfileItemMapper();

    public OrderEventProcessor(OrderStore store, FraudScorer fraud, ChurnScorer churn, SegmentScorer segment,
                               LifetimeValueScorer value, OfferCatalogue catalogue) {
        this.store = store;
        this.fraud = fraud;
        this.churn = churn;
        this.segment = segment;
        this.value = value;
        this.catalogue = catalogue;
    }

    public Outcome process(Order order) {
        String id = order.customerId();
        List<Order> history = new ArrayList<>(store.ordersOf(id));
        if (history.stream().noneMatch(o -> o.orderId().equals(order.orderId()))) {
            history.add(order);   // the stored copy may not be visible yet; the event's copy is the truth
        }
        List<Order> earlier = history.stream().filter(o -> !o.orderId().equals(order.orderId())).toList();
        CustomerProfile before = earlier.isEmpty() ? null : builder.build(id, earlier, order.orderedAt(), false);
        FraudScore screening = order.cancellation() ? null : fraud.screen(order, before != null && !before.aggregates().isProspect()
                ? before : null);

        Instant asOf = history.stream().map(Order::orderedAt).max(Instant::compareTo).orElseThrow()
                .truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        Optional<Map<String, AttributeValue>> existing = store.profileItem(id);
        boolean optedOut = existing.map(ProfileItemMapper::optedOut).orElse(false);
        CustomerProfile profile = builder.build(id, history, asOf, optedOut);
        Map<String, AttributeValue> item = new LinkedHashMap<>(mapper.toItem(profile, FamilyAggregates.attributes(catalogue, history, asOf)));
        StoredProfile stored = DynamoDbProfileRepository.toStored(id, item);
        if (!optedOut) {
            item.put("scores", scores(stored));
        }
        if (screening != null) {
            item.put("lastOrderScreening", AttributeValue.fromM(Map.of(
                    "orderId", AttributeValue.fromS(order.orderId()),
                    "decision", AttributeValue.fromS(screening.decision()),
                    "anomalyScore", AttributeValue.fromN(Double.toString(screening.anomalyScore())),
                    "model", AttributeValue.fromS(screening.model() + " " + screening.modelVersion()))));
        }
        boolean changed = existing.map(old -> !old.equals(item)).orElse(true);
        if (changed) {
            store.putProfile(item);
        }
        return new Outcome(id, order.orderId(), screening == null ? null : screening.decision(), changed, history.size());
    }

    private AttributeValue scores(StoredProfile stored) {
        ChurnScore c = churn.scoreAll(List.of(stored)).get(0);
        SegmentScore s = segment.scoreAll(List.of(stored)).get(0);
        LifetimeValueScore v = value.scoreAll(List.of(stored)).get(0);
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        m.put("churnProbability", AttributeValue.fromN(Double.toString(c.churnProbability())));
        m.put("riskBand", AttributeValue.fromS(c.riskBand()));
        if (s.segmentName() != null) {
            m.put("segment", AttributeValue.fromS(s.segmentName()));
        }
        m.put("lifecycleStage", AttributeValue.fromS(s.lifecycleStage()));
        m.put("expectedSpend90", AttributeValue.fromN(Double.toString(v.expectedSpend())));
        m.put("asOf", AttributeValue.fromS(stored.asOf().toString()));
        m.put("models", AttributeValue.fromM(Map.of(
                "churn", AttributeValue.fromS(c.modelVersion()),
                "segments", AttributeValue.fromS(s.modelVersion()),
                "lifetime-value", AttributeValue.fromS(v.modelVersion()))));
        return AttributeValue.fromM(m);
    }
}
