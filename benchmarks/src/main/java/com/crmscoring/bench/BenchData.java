package com.crmscoring.bench;

import com.crmscoring.scoring.fraud.FraudRequest;
import com.crmscoring.scoring.score.CustomerFeatureReader;
import com.crmscoring.scoring.score.CustomerFeatures;
import com.crmscoring.shared.aggregates.CustomerHistory;
import com.crmscoring.shared.domain.Order;
import com.crmscoring.shared.domain.Orders;
import com.crmscoring.shared.offers.OfferCatalogue;
import com.crmscoring.shared.retail.OnlineRetailReader;
import com.crmscoring.storage.profile.ProfileItemMapper;
import com.crmscoring.storage.profile.ProfileStore;
import com.crmscoring.storage.profile.StoredProfile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Real customers of the Online Retail data, stored as the loader stores them and read back through
 * the same item mapping the profile store uses, held in memory: in-process benchmarks measure
 * scoring, not DynamoDB.
 */
final class BenchData {

    static final Instant AS_OF = Instant.parse("2011-12-10T00:00:00Z");

    /** The customers as the scorers see them at {@link #AS_OF}: what the per-model benchmarks score. */
    final List<CustomerFeatures> profiles;
    final List<FraudRequest> orders;
    /** Every order of the data set, read once: the Tribuo comparison fits on it too. */
    final List<Order> allOrders;
    /** The stored profiles, for the scorers that read them (the as-of aggregation included). */
    final ProfileStore store;

    private BenchData(List<CustomerFeatures> profiles, List<FraudRequest> orders, List<Order> allOrders, ProfileStore store) {
        this.profiles = profiles;
        this.orders = orders;
        this.allOrders = allOrders;
        this.store = store;
    }

    /** The first {@code customers} customers by id, each with their last order as a fraud-check request. */
    static BenchData load(Path dataDir, int customers) throws IOException {
        List<Order> all = new OnlineRetailReader().read(dataDir.resolve("online-retail.csv.gz")).orders();
        Map<String, List<Order>> byCustomer = new TreeMap<>(Orders.byCustomer(all));
        ProfileItemMapper mapper = new ProfileItemMapper();
        OfferCatalogue catalogue = OfferCatalogue.loadDefault();
        Map<String, StoredProfile> stored = new LinkedHashMap<>();
        List<FraudRequest> orders = new ArrayList<>();
        for (Map.Entry<String, List<Order>> e : byCustomer.entrySet()) {
            if (stored.size() == customers) {
                break;
            }
            var item = mapper.toItem(e.getKey(), CustomerHistory.of(e.getValue(), null, catalogue), catalogue, false, AS_OF);
            stored.put(e.getKey(), mapper.stored(item));
            Order last = e.getValue().stream().filter(o -> !o.cancellation()).reduce((a, b) -> b).orElse(e.getValue().get(0));
            orders.add(request(last));
        }
        ProfileStore store = new InMemoryStore(Map.copyOf(stored));
        // Features for the end of the data, computed from each stored history as a request's would be.
        CustomerFeatureReader reader = new CustomerFeatureReader(store, Clock.fixed(AS_OF, ZoneOffset.UTC), catalogue);
        List<CustomerFeatures> profiles = List.copyOf(reader.findAll(stored.keySet(), null).values());
        return new BenchData(profiles, List.copyOf(orders), all, store);
    }

    static FraudRequest request(Order o) {
        return new FraudRequest(o.customerId(), new FraudRequest.OrderRequest(o.orderId(), o.orderedAt().toString(), o.country(),
                o.lines().stream().map(l -> new FraudRequest.LineRequest(l.stockCode(), l.description(), Math.abs(l.quantity()),
                        java.math.BigDecimal.valueOf(Math.abs(l.unitPrice())))).toList()));
    }

    /** Profiles held in memory. */
    private record InMemoryStore(Map<String, StoredProfile> byId) implements ProfileStore {

        @Override
        public Optional<StoredProfile> find(String customerId) {
            return Optional.ofNullable(byId.get(customerId));
        }
    }
}
