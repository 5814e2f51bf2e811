package com.crmscoring.bench;

import com.crmscoring.scoring.fraud.FraudRequest;
import com.crmscoring.scoring.profile.DynamoDbProfileRepository;
import com.crmscoring.scoring.profile.ProfileRepository;
import com.crmscoring.scoring.profile.StoredProfile;
import com.crmscoring.scoring.score.ProfileLookup;
import com.crmscoring.shared.aggregates.CustomerHistory;
import com.crmscoring.shared.domain.Order;
import com.crmscoring.shared.domain.Orders;
import com.crmscoring.shared.dynamo.ProfileItemMapper;
import com.crmscoring.shared.offers.OfferCatalogue;
import com.crmscoring.shared.retail.OnlineRetailReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Real customers of the Online Retail data, as the scorers see them after a DynamoDB read: each
 * profile goes through the same item mapping as the loader writes and the repository reads.
 */
final class BenchData {

    static final Instant AS_OF = Instant.parse("2011-12-10T00:00:00Z");

    final List<StoredProfile> profiles;
    final List<FraudRequest> orders;
    /** Every order of the data set, read once: the Tribuo comparison fits on it too. */
    final List<Order> allOrders;
    final ProfileRepository repository;
    final ProfileLookup lookup;

    private BenchData(List<StoredProfile> profiles, List<FraudRequest> orders, List<Order> allOrders) {
        this.profiles = profiles;
        this.orders = orders;
        this.allOrders = allOrders;
        Map<String, StoredProfile> byId = new TreeMap<>();
        profiles.forEach(p -> byId.put(p.customerId(), p));
        this.repository = new InMemoryRepository(byId);
        // Scores for the end of the data, computed from each stored history as a request would be.
        this.lookup = new ProfileLookup(repository, Clock.fixed(AS_OF, ZoneOffset.UTC), OfferCatalogue.loadDefault());
    }

    /** The first {@code customers} customers by id, each with their last order as a fraud-check request. */
    static BenchData load(Path dataDir, int customers) throws IOException {
        List<Order> all = new OnlineRetailReader().read(dataDir.resolve("online-retail.csv.gz")).orders();
        Map<String, List<Order>> byCustomer = new TreeMap<>(Orders.byCustomer(all));
        ProfileItemMapper mapper = new ProfileItemMapper();
        OfferCatalogue catalogue = OfferCatalogue.loadDefault();
        List<StoredProfile> profiles = new ArrayList<>();
        List<FraudRequest> orders = new ArrayList<>();
        for (Map.Entry<String, List<Order>> e : byCustomer.entrySet()) {
            if (profiles.size() == customers) {
                break;
            }
            var item = mapper.toItem(e.getKey(), CustomerHistory.of(e.getValue(), null, catalogue), catalogue, false, AS_OF);
            profiles.add(DynamoDbProfileRepository.toStored(e.getKey(), item));
            Order last = e.getValue().stream().filter(o -> !o.cancellation()).reduce((a, b) -> b).orElse(e.getValue().get(0));
            orders.add(request(last));
        }
        return new BenchData(List.copyOf(profiles), List.copyOf(orders), all);
    }

    static FraudRequest request(Order o) {
        return new FraudRequest(o.customerId(), new FraudRequest.OrderRequest(o.orderId(), o.orderedAt().toString(), o.country(),
                o.lines().stream().map(l -> new FraudRequest.LineRequest(l.stockCode(), l.description(), Math.abs(l.quantity()),
                        Math.abs(l.unitPrice()))).toList()));
    }

    /** Profiles held in memory: in-process benchmarks measure scoring, not the store. */
    private record InMemoryRepository(Map<String, StoredProfile> byId) implements ProfileRepository {

        @Override
        public Optional<StoredProfile> find(String customerId) {
            return Optional.ofNullable(byId.get(customerId));
        }

        @Override
        public Map<String, StoredProfile> findAll(Collection<String> customerIds) {
            Map<String, StoredProfile> out = new java.util.LinkedHashMap<>();
            customerIds.forEach(id -> find(id).ifPresent(p -> out.put(id, p)));
            return out;
        }
    }
}
