package com.crmscoring.shared.dynamo;

import com.crmscoring.shared.aggregates.BehaviourAggregates;
import com.crmscoring.shared.aggregates.CustomerHistory;
import com.crmscoring.shared.aggregates.HistoryCodec;
import com.crmscoring.shared.domain.CustomerProfile;
import com.crmscoring.shared.domain.ProfileAttributes;
import com.crmscoring.shared.offers.OfferCatalogue;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A {@link CustomerProfile} as a DynamoDB item of the profiles table and back. Attribute names
 * are those of {@link ProfileAttributes}; a value that does not exist (NaN) is left out of the
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
                item.put(name, AttributeValue.fromN(number(value)));
            }
        });
        return item;
    }

    public Map<String, AttributeValue> toItem(CustomerProfile profile) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        BehaviourAggregates a = profile.aggregates();
        item.put(ProfileAttributes.CUSTOMER_ID, AttributeValue.fromS(profile.customerId()));
        if (!profile.country().isEmpty()) {
            item.put(ProfileAttributes.COUNTRY, AttributeValue.fromS(profile.country()));
        }
        item.put(ProfileAttributes.PROFILING_OPT_OUT, AttributeValue.fromBool(profile.profilingOptOut()));
        item.put(ProfileAttributes.AS_OF, AttributeValue.fromS(a.asOf().toString()));
        if (a.firstOrderAt() != null) {
            item.put(ProfileAttributes.FIRST_ORDER_AT, AttributeValue.fromS(a.firstOrderAt().toString()));
            item.put(ProfileAttributes.LAST_ORDER_AT, AttributeValue.fromS(a.lastOrderAt().toString()));
        }
        for (Map.Entry<String, ToDoubleFunction<BehaviourAggregates>> e : ProfileAttributes.NUMERIC.entrySet()) {
            double v = e.getValue().applyAsDouble(a);
            if (!Double.isNaN(v)) {
                item.put(e.getKey(), AttributeValue.fromN(number(v)));
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
        String customerId = string(item, ProfileAttributes.CUSTOMER_ID);
        if (customerId == null) {
            throw new IllegalArgumentException("profile item has no " + ProfileAttributes.CUSTOMER_ID);
        }
        Instant asOf = instant(item, ProfileAttributes.AS_OF);
        if (asOf == null) {
            throw new IllegalArgumentException("profile item has no valid " + ProfileAttributes.AS_OF);
        }
        AttributeValue optOut = item.get(ProfileAttributes.PROFILING_OPT_OUT);
        BehaviourAggregates a = new BehaviourAggregates(asOf,
                instant(item, ProfileAttributes.FIRST_ORDER_AT), instant(item, ProfileAttributes.LAST_ORDER_AT),
                dbl(item, "recencyDays"), dbl(item, "tenureDays"),
                count(item, "orders30"), count(item, "orders90"), count(item, "orders365"), count(item, "ordersTotal"),
                dbl(item, "spend30"), dbl(item, "spend90"), dbl(item, "spend365"), dbl(item, "spendTotal"),
                dbl(item, "avgBasketValue"), dbl(item, "avgLinesPerOrder"), count(item, "distinctProducts"),
                dbl(item, "meanDaysBetweenOrders"), dbl(item, "spendTrend90"), dbl(item, "orderTrend90"),
                count(item, "cancellations"), dbl(item, "cancellationRate"), dbl(item, "cancelledValue"));
        return new CustomerProfile(customerId, string(item, ProfileAttributes.COUNTRY),
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
        item.put(ProfileAttributes.ORDER_HISTORY, AttributeValue.fromB(SdkBytes.fromByteArray(HistoryCodec.encode(history))));
        return item;
    }

    /**
     * The stored history of a profile item, or empty for an item written without one.
     *
     * @throws IllegalArgumentException when the attribute is there but is not a history
     */
    public static Optional<CustomerHistory> history(Map<String, AttributeValue> item) {
        AttributeValue v = item.get(ProfileAttributes.ORDER_HISTORY);
        if (v == null || v.b() == null) {
            return Optional.empty();
        }
        return Optional.of(HistoryCodec.decode(v.b().asByteArray()));
    }

    /** Whether the customer objected to profiling; absent means they did not. */
    public static boolean optedOut(Map<String, AttributeValue> item) {
        AttributeValue v = item.get(ProfileAttributes.PROFILING_OPT_OUT);
        return v != null && Boolean.TRUE.equals(v.bool());
    }

    /** Shortest text that reads back as the same double, without exponent surprises for DynamoDB. */
    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    private static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }

    static Instant instant(Map<String, AttributeValue> item, String name) {
        String s = string(item, name);
        if (s == null) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
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
