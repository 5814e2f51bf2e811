package com.crmscoring.scoring.score;

import com.crmscoring.shared.aggregates.BehaviourAggregates;
import com.crmscoring.shared.aggregates.CustomerHistory;
import com.crmscoring.shared.domain.CustomerAttributes;
import com.crmscoring.shared.domain.CustomerProfile;
import com.crmscoring.shared.offers.OfferCatalogue;
import com.crmscoring.storage.profile.ProfileStore;
import com.crmscoring.storage.profile.StoredProfile;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a customer's profile and computes its features for the instant a score is asked for:
 * the request's {@code asOf} when it gives one (back-testing, historical data), else the clock.
 * Features that depend on time (recency, the 30/90/365-day windows, trends, days since a family
 * was bought) come from the stored order history through the same code training uses
 * ({@link CustomerHistory#aggregatesAt}), so a score is true at the moment it is asked, not only at
 * the customer's last order.
 */
public final class CustomerFeatureReader {

    private final ProfileStore profiles;
    private final Clock clock;
    private final OfferCatalogue catalogue;

    /**
     * @param clock     "now" for requests without {@code asOf}
     * @param catalogue the offer families whose next-best-offer attributes are computed
     */
    public CustomerFeatureReader(ProfileStore profiles, Clock clock, OfferCatalogue catalogue) {
        this.profiles = profiles;
        this.clock = clock;
        this.catalogue = catalogue;
    }

    /**
     * @param asOf an ISO-8601 instant, or null for now
     * @throws InvalidRequestException   when the id or {@code asOf} is malformed, or {@code asOf} is
     *                                   not after the customer's latest recorded order
     * @throws CustomerNotFoundException  when no profile exists
     */
    public CustomerFeatures require(String customerId, String asOf) {
        String id = CustomerIds.validate(customerId);
        Instant at = parse(asOf);
        StoredProfile stored = profiles.find(id).orElseThrow(() -> new CustomerNotFoundException(id));
        return at(stored, at, asOf != null);
    }

    /**
     * Many profiles for one instant; customers without a profile are absent. A profile whose
     * latest order is after an explicit {@code asOf} fails the whole request, as for one customer.
     */
    public Map<String, CustomerFeatures> findAll(Collection<String> customerIds, String asOf) {
        Instant at = parse(asOf);
        Map<String, CustomerFeatures> out = new LinkedHashMap<>();
        profiles.findAll(customerIds).forEach((id, stored) -> out.put(id, at(stored, at, asOf != null)));
        return out;
    }

    /**
     * The customer as they were just before {@code instant} (an order being screened), when the
     * stored history can say; otherwise the stored snapshot, or empty for an unknown customer.
     */
    public Optional<CustomerProfile> before(String customerId, Instant instant) {
        return profiles.find(customerId).map(stored -> stored.history() != null && stored.history().canDescribe(instant)
                ? at(stored, instant, true).profile() : stored.snapshot());
    }

    /** {@code asOf} as an instant, or the clock's now when it is null. */
    public Instant parse(String asOf) {
        if (asOf == null) {
            return clock.instant();
        }
        Instant at;
        try {
            at = Instant.parse(asOf);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("asOf", "must be an ISO-8601 instant such as 2011-12-10T00:00:00Z");
        }
        return TimeBounds.checkAsOf("asOf", at, clock);
    }

    /**
     * A customer's stored history described at {@code instant}, which must be after its latest
     * order: what the order handler stores its scores from.
     */
    public CustomerFeatures describe(String customerId, boolean profilingOptOut, CustomerHistory history, Instant instant) {
        return at(new StoredProfile(customerId, profilingOptOut, 0, null, null, attribute -> null, null, history), instant, true);
    }

    /**
     * A profile already read (a scan's) with its features at {@code instant}, or just after its
     * latest order if that is later (an order that arrived while a long job ran).
     */
    public CustomerFeatures at(StoredProfile stored, Instant instant) {
        return at(stored, instant, false);
    }

    /**
     * The profile with its features computed at {@code instant}. An item stored without a history
     * is returned as stored (its snapshot's own instant). Without an explicit instant, a clock
     * behind the latest order (skew between the shop and this service) reads just after that
     * order rather than failing: nothing after it exists to be seen.
     */
    CustomerFeatures at(StoredProfile stored, Instant instant, boolean explicit) {
        CustomerHistory history = stored.history();
        if (history == null) {
            return new CustomerFeatures(stored.customerId(), stored.profilingOptOut(), stored.snapshotAsOf(),
                    stored.snapshotAttributes(), stored.snapshot(), null);
        }
        Instant at = instant;
        if (!history.canDescribe(at)) {
            if (explicit) {
                // Nothing may see the future: features at an instant before a recorded order would
                // silently leave that order out of windows it belongs to.
                throw new InvalidRequestException("asOf", "must be after the customer's latest recorded order");
            }
            at = history.lastEventAt().plusMillis(1);
        }
        BehaviourAggregates aggregates = history.aggregatesAt(at);
        Map<String, Object> values = new HashMap<>();
        CustomerAttributes.NUMERIC.forEach((name, read) -> {
            double v = read.applyAsDouble(aggregates);
            if (!Double.isNaN(v)) {
                values.put(name, v);
            }
        });
        if (!history.country().isEmpty()) {
            values.put(CustomerAttributes.COUNTRY, history.country());
        }
        history.familyAttributesAt(catalogue, at).forEach(values::put);
        CustomerProfile profile = new CustomerProfile(stored.customerId(), history.country(), stored.profilingOptOut(), aggregates);
        return new CustomerFeatures(stored.customerId(), stored.profilingOptOut(), at, values::get, profile, history);
    }
}
