package com.crmscoring.scoring.score;

import com.crmscoring.shared.aggregates.CustomerHistory;
import com.crmscoring.shared.domain.Order;
import com.crmscoring.shared.domain.Orders;
import com.crmscoring.shared.features.FeatureSource;
import com.crmscoring.shared.offers.OfferCatalogue;
import com.crmscoring.shared.retail.OnlineRetailReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Every customer of the bundled Online Retail shop, described as a request at one instant would be. */
final class BundledShop {

    static final Path DATA = Path.of(System.getProperty("crm.data.dir", "../../shared/data"), "online-retail.csv.gz");
    static final Instant AS_OF = Instant.parse("2011-12-10T00:00:00Z");

    private BundledShop() {
    }

    /** Each customer's attributes at {@link #AS_OF}, in customer id order. */
    static List<FeatureSource> customers() throws IOException {
        OfferCatalogue catalogue = OfferCatalogue.loadDefault();
        CustomerFeatureReader reader = new CustomerFeatureReader(id -> Optional.empty(), Clock.fixed(AS_OF, ZoneOffset.UTC), catalogue);
        List<FeatureSource> out = new ArrayList<>();
        for (Map.Entry<String, List<Order>> e : new TreeMap<>(Orders.byCustomer(new OnlineRetailReader().read(DATA).orders())).entrySet()) {
            out.add(reader.describe(e.getKey(), false, CustomerHistory.of(e.getValue(), null, catalogue), AS_OF).attributes());
        }
        return out;
    }
}
