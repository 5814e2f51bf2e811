package com.crmscoring.storage.profile;

import com.crmscoring.shared.aggregates.BehaviourAggregates;
import com.crmscoring.shared.aggregates.CustomerHistory;
import com.crmscoring.shared.aggregates.HistoryCodec;
import com.crmscoring.shared.domain.CustomerAttributes;
import com.crmscoring.shared.domain.CustomerProfile;
import com.crmscoring.shared.offers.OfferCatalogue;
import com.crmscoring.storage.ItemValues;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A {@link CustomerProfile} as a DynamoDB item of the profiles table and back. Attribute names
 * are those of {@link CustomerAttributes}; a value that does not exist (NaN) is left out of the
 * item rather than stored as a fake number.
 */
public final class ProfileItemMapper {

    /**
     * The profile item with extra numeric attributes, e.g. the per-family purchase history of
     * {@code FamilyAggregates} that next-best-offer scoring reads.
     */
    public Map<String, AttributeValue> toItem(CustomerProfile profile, Map<String, Double> extra) {
        Map<String, AttributeValue> item = toItem(profile);
        extra.forEach((name, value) -> {
            if (!Double.isNaN(value)) {
                item.put(name, AttributeValue.fromN(ItemValues.number(value)));
            }
        });
        return item;
    }

    public Map<String, AttributeValue> toItem(CustomerProfile profile) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        BehaviourAggregates a = profile.aggregates();
        item.put(CustomerAttributes.CUSTOMER_ID, AttributeValue.fromS(profile.customerId()));
        if (!profile.country().isEmpty()) {
            item.put(CustomerAttributes.COUNTRY, AttributeValue.fromS(profile.country()));
        }
        item.put(CustomerAttributes.PROFILING_OPT_OUT, AttributeValue.fromBool(profile.profilingOptOut()));
        item.put(CustomerAttributes.AS_OF, AttributeValue.fromS(a.asOf().toString()));
        if (a.firstOrderAt() != null) {
            item.put(CustomerAttributes.FIRST_ORDER_AT, AttributeValue.fromS(a.firstOrderAt().toString()));
            item.put(CustomerAttributes.LAST_ORDER_AT, AttributeValue.fromS(a.lastOrderAt().toString()));
        }
        for (Map.Entry<String, ToDoubleFunction<BehaviourAggregates>> e : CustomerAttributes.NUMERIC.entrySet()) {
            double v = e.getValue().applyAsDouble(a);
            if (!Double.isNaN(v)) {
                item.put(e.getKey(), AttributeValue.fromN(ItemValues.number(v)));
            }
        }
        return item;
    }

    /**
     * Reads a profile item. Numbers the item lacks become NaN (counts: 0); a missing
     * {@code profilingOptOut} reads as false only because the loaders always write it.
     *
     * @throws IllegalArgumentException when the item has no customer id or no valid {@code asOf}
     */
    public CustomerProfile fromItem(Map<String, AttributeValue> item) {
        String customerId = string(item, CustomerAttributes.CUSTOMER_ID);
        if (customerId == null) {
            throw new IllegalArgumentException("profile item has no " + CustomerAttributes.CUSTOMER_ID);
        }
        Instant asOf = ItemValues.instant(item, CustomerAttributes.AS_OF);
        if (asOf == null) {
            throw new IllegalArgumentException("profile item has no valid " + CustomerAttributes.AS_OF);
        }
        AttributeValue optOut = item.get(CustomerAttributes.PROFILING_OPT_OUT);
        BehaviourAggregates a = new BehaviourAggregates(asOf,
                ItemValues.instant(item, CustomerAttributes.FIRST_ORDER_AT), ItemValues.instant(item, CustomerAttributes.LAST_ORDER_AT),
                dbl(item, "recencyDays"), dbl(item, "tenureDays"),
                count(item, "orders30"), count(item, "orders90"), count(item, "orders365"), count(item, "ordersTotal"),
                dbl(item, "spend30"), dbl(item, "spend90"), dbl(item, "spend365"), dbl(item, "spendTotal"),
                dbl(item, "avgBasketValue"), dbl(item, "avgLinesPerOrder"), count(item, "distinctProducts"),
                dbl(item, "meanDaysBetweenOrders"), dbl(item, "spendTrend90"), dbl(item, "orderTrend90"),
                count(item, "cancellations"), dbl(item, "cancellationRate"), dbl(item, "cancelledValue"));
        return new CustomerProfile(customerId, string(item, CustomerAttributes.COUNTRY),
                optOut != null && Boolean.TRUE.equals(optOut.bool()), a);
    }

    /**
     * The item of a customer whose history is stored: the history itself, and a snapshot of the
     * aggregates and family attributes just after the latest order (for people and analytics;
     * scoring recomputes them for the instant asked).
     *
     * @param snapshotAsOf the snapshot's instant: after the latest order
     */
    public Map<String, AttributeValue> toItem(String customerId, CustomerHistory history, OfferCatalogue catalogue,
                                              boolean profilingOptOut, Instant snapshotAsOf) {
        CustomerProfile snapshot = new CustomerProfile(customerId, history.country(), profilingOptOut,
                history.aggregatesAt(snapshotAsOf));
        Map<String, AttributeValue> item = toItem(snapshot, history.familyAttributesAt(catalogue, snapshotAsOf));
        item.put(ProfileItemAttributes.ORDER_HISTORY, AttributeValue.fromB(SdkBytes.fromByteArray(HistoryCodec.encode(history))));
        return item;
    }

    /**
     * The stored history of a profile item, or empty for an item written without one.
     *
     * @throws IllegalArgumentException when the attribute is there but is not a history
     */
    public static Optional<CustomerHistory> history(Map<String, AttributeValue> item) {
        AttributeValue v = item.get(ProfileItemAttributes.ORDER_HISTORY);
        if (v == null || v.b() == null) {
            return Optional.empty();
        }
        return Optional.of(HistoryCodec.decode(v.b().asByteArray()));
    }

    /** Whether the customer objected to profiling; absent means they did not. */
    public static boolean optedOut(Map<String, AttributeValue> item) {
        AttributeValue v = item.get(CustomerAttributes.PROFILING_OPT_OUT);
        return v != null && Boolean.TRUE.equals(v.bool());
    }

    /**
     * A profile item as the contract's record. A snapshot too sparse to be a {@link CustomerProfile}
     * is left null (scores that need only attributes still work); a history that is there but
     * cannot be read fails loudly, since scoring its stale snapshot instead would be silently wrong.
     *
     * @throws IllegalArgumentException when the item has no customer id or an unreadable history
     */
    public StoredProfile stored(Map<String, AttributeValue> item) {
        String customerId = string(item, CustomerAttributes.CUSTOMER_ID);
        if (customerId == null) {
            throw new IllegalArgumentException("profile item has no " + CustomerAttributes.CUSTOMER_ID);
        }
        Instant erasedAt = ItemValues.instant(item, ProfileItemAttributes.ERASED_AT);
        AttributeValue v = item.get(ProfileItemAttributes.VERSION);
        long version = v == null || v.n() == null ? 0L : Long.parseLong(v.n());
        if (erasedAt != null) {
            return new StoredProfile(customerId, false, version, erasedAt, null, attribute -> null, null, null);
        }
        CustomerProfile snapshot;
        try {
            snapshot = fromItem(item);
        } catch (IllegalArgumentException e) {
            snapshot = null;
        }
        return new StoredProfile(customerId, optedOut(item), version, null, ItemValues.instant(item, CustomerAttributes.AS_OF),
                new ItemFeatureSource(item), snapshot, history(item).orElse(null));
    }

    /**
     * The attributes an order handler's update sets. Attributes it owns but does not set (a value
     * that no longer exists, the scores of a customer who objected) are {@link #ownedAttributes()}
     * minus these, for the store to remove.
     */
    public Map<String, AttributeValue> attributesOf(ProfileUpdate update) {
        Map<String, AttributeValue> set = toItem(update.snapshot(), update.familyAttributes());
        set.remove(CustomerAttributes.CUSTOMER_ID);          // the key
        set.remove(CustomerAttributes.PROFILING_OPT_OUT);    // the consent writer's
        set.put(ProfileItemAttributes.ORDER_HISTORY,
                AttributeValue.fromB(SdkBytes.fromByteArray(HistoryCodec.encode(update.history()))));
        if (update.scores() != null) {
            ProfileUpdate.StoredScores s = update.scores();
            Map<String, AttributeValue> m = new LinkedHashMap<>();
            m.put("churnProbability", AttributeValue.fromN(Double.toString(s.churnProbability())));
            m.put("riskBand", AttributeValue.fromS(s.riskBand()));
            if (s.segment() != null) {
                m.put("segment", AttributeValue.fromS(s.segment()));
            }
            m.put("lifecycleStage", AttributeValue.fromS(s.lifecycleStage()));
            m.put("expectedSpend90", AttributeValue.fromN(Double.toString(s.expectedSpend90())));
            m.put("asOf", AttributeValue.fromS(s.asOf()));
            Map<String, AttributeValue> models = new LinkedHashMap<>();
            s.modelVersions().forEach((model, version) -> models.put(model, AttributeValue.fromS(version)));
            m.put("models", AttributeValue.fromM(models));
            set.put(ProfileItemAttributes.SCORES, AttributeValue.fromM(m));
        }
        if (update.screening() != null) {
            ProfileUpdate.OrderScreening o = update.screening();
            set.put(ProfileItemAttributes.LAST_ORDER_SCREENING, AttributeValue.fromM(Map.of(
                    "orderId", AttributeValue.fromS(o.orderId()),
                    "decision", AttributeValue.fromS(o.decision()),
                    "anomalyScore", AttributeValue.fromN(Double.toString(o.anomalyScore())),
                    "model", AttributeValue.fromS(o.model()))));
        }
        return set;
    }

    /**
     * The attributes the order handler owns and removes when its update does not set them: the
     * numeric aggregates (a value that no longer exists), the scores, and an erasure marker (an
     * order after an erasure starts a new profile). Family attributes are always all set.
     */
    public static Set<String> ownedAttributes() {
        Set<String> owned = new HashSet<>(CustomerAttributes.NUMERIC.keySet());
        owned.add(ProfileItemAttributes.SCORES);
        owned.add(ProfileItemAttributes.ERASED_AT);
        return owned;
    }

    private static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }

    private static double dbl(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        if (v == null || v.n() == null) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(v.n());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static int count(Map<String, AttributeValue> item, String name) {
        double d = dbl(item, name);
        return Double.isNaN(d) ? 0 : (int) d;
    }
}
