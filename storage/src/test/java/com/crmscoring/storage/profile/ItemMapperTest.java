package com.crmscoring.storage.profile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.crmscoring.shared.aggregates.CustomerHistory;
import com.crmscoring.shared.aggregates.OrderAggregator;
import com.crmscoring.shared.domain.CustomerAttributes;
import com.crmscoring.shared.domain.CustomerProfile;
import com.crmscoring.shared.domain.Order;
import com.crmscoring.shared.domain.OrderLine;
import com.crmscoring.shared.features.FeatureField;
import com.crmscoring.shared.features.FeatureSpec;
import com.crmscoring.shared.features.FeatureSpecFitter;
import com.crmscoring.shared.features.FeatureVectorizer;
import com.crmscoring.shared.features.NumericTransform;
import com.crmscoring.shared.features.ProfileFeatureSource;
import com.crmscoring.shared.offers.OfferCatalogue;
import com.crmscoring.storage.orders.OrderItemMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ItemMapperTest {

    private static final Instant AS_OF = Instant.parse("2011-12-10T00:00:00Z");

    private static CustomerProfile profile(String id, String country, Order... orders) {
        return new CustomerProfile(id, country, false, new OrderAggregator().aggregate(AS_OF, List.of(orders)));
    }

    private static Order order(String id, String at, double price) {
        return new Order(id, "c1", Instant.parse(at), "France", false, List.of(new OrderLine("85123A", "HEART", 2, price)));
    }

    @Test
    void profileSurvivesARoundTripThroughAnItem() {
        CustomerProfile p = profile("c1", "France", order("1", "2011-01-01T10:00:00Z", 1.25), order("2", "2011-11-01T10:00:00Z", 3.5));
        assertEquals(p, new ProfileItemMapper().fromItem(new ProfileItemMapper().toItem(p)));
    }

    @Test
    void aProspectsMissingValuesAreLeftOutOfTheItem() {
        Map<String, AttributeValue> item = new ProfileItemMapper().toItem(profile("c2", ""));
        assertFalse(item.containsKey("recencyDays"));
        assertFalse(item.containsKey(CustomerAttributes.COUNTRY));
        assertEquals("0", item.get("ordersTotal").n());
    }

    @Test
    void itemAndRecordGiveTheSameVector() {
        List<CustomerProfile> profiles = List.of(
                profile("a", "France", order("1", "2011-01-01T10:00:00Z", 1.25), order("2", "2011-11-01T10:00:00Z", 3.5)),
                profile("b", "United Kingdom", order("3", "2011-06-01T10:00:00Z", 10)),
                profile("c", ""));
        List<FeatureField> fields = new ArrayList<>();
        for (String name : CustomerAttributes.NUMERIC.keySet()) {
            fields.add(FeatureField.numeric(name, NumericTransform.SIGNED_LOG1P));
        }
        fields.add(FeatureField.categorical(CustomerAttributes.COUNTRY, 1));
        FeatureSpec spec = new FeatureSpecFitter().fit(fields, profiles.stream().map(ProfileFeatureSource::new).toList());
        FeatureVectorizer vectorizer = new FeatureVectorizer(spec, spec.columns().reversed());
        for (CustomerProfile p : profiles) {
            assertArrayEquals(vectorizer.vectorize(new ProfileFeatureSource(p)),
                    vectorizer.vectorize(new ItemFeatureSource(new ProfileItemMapper().toItem(p))), p.customerId());
        }
    }

    @Test
    void orderSurvivesARoundTripThroughAnItem() {
        Order o = new Order("581587", "12680", Instant.parse("2011-12-09T12:50:00Z"), "France", false,
                List.of(new OrderLine("22613", "PACK OF 20 SPACEBOY NAPKINS", 12, 0.85), new OrderLine("POST", "", 1, 18.0)));
        assertEquals(o, new OrderItemMapper().fromItem(new OrderItemMapper().toItem(o)));
        assertEquals("28.2", new OrderItemMapper().toItem(o).get(OrderItemMapper.AMOUNT).n());
    }

    @Test
    void malformedOrderItemNamesTheAttribute() {
        Map<String, AttributeValue> item = new HashMap<>(new OrderItemMapper().toItem(order("1", "2011-01-01T10:00:00Z", 1)));
        item.put(OrderItemMapper.ORDERED_AT, AttributeValue.fromS("yesterday"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new OrderItemMapper().fromItem(item));
        assertTrue(e.getMessage().startsWith("orderedAt"), e.getMessage());
    }

    /** Found by FunctionsFuzzIT: an attribute of the wrong type was read as absent ("" or false). */
    @Test
    void anOrderAttributeOfTheWrongTypeIsRefused_notReadAsAbsent() {
        Map<String, AttributeValue> valid = new OrderItemMapper().toItem(order("1", "2011-01-01T10:00:00Z", 1));
        for (String name : List.of(OrderItemMapper.COUNTRY, OrderItemMapper.CANCELLATION)) {
            Map<String, AttributeValue> item = new HashMap<>(valid);
            item.put(name, AttributeValue.fromN("1"));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new OrderItemMapper().fromItem(item));
            assertTrue(e.getMessage().startsWith(name), e.getMessage());
        }
        // Absent, or DynamoDB's NULL, still reads as "no country" and "not a cancellation".
        Map<String, AttributeValue> item = new HashMap<>(valid);
        item.put(OrderItemMapper.COUNTRY, AttributeValue.builder().nul(true).build());
        item.remove(OrderItemMapper.CANCELLATION);
        Order read = new OrderItemMapper().fromItem(item);
        assertEquals("", read.country());
        assertFalse(read.cancellation());
    }

    @Test
    void anOrderHandlersUpdateNeverCarriesConsentAndReadsBackAsTheSameHistory() {
        OfferCatalogue catalogue = OfferCatalogue.loadDefault();
        List<Order> orders = List.of(order("1", "2011-01-01T10:00:00Z", 2), order("2", "2011-03-01T10:00:00Z", 1));
        CustomerHistory history = CustomerHistory.of(orders, null, catalogue);
        Instant after = Instant.parse("2011-03-01T10:00:01Z");
        CustomerProfile snapshot = new CustomerProfile("C1", history.country(), true, history.aggregatesAt(after));
        ProfileUpdate update = new ProfileUpdate("C1", history, snapshot, history.familyAttributesAt(catalogue, after), null, null);
        ProfileItemMapper mapper = new ProfileItemMapper();
        Map<String, AttributeValue> set = mapper.attributesOf(update);
        assertFalse(set.containsKey(CustomerAttributes.PROFILING_OPT_OUT), "consent has its own writer");
        assertFalse(set.containsKey(CustomerAttributes.CUSTOMER_ID), "the key is not an attribute to set");
        assertFalse(set.containsKey(ProfileItemAttributes.SCORES), "no scores for a customer who objected");
        assertTrue(ProfileItemMapper.ownedAttributes().contains(ProfileItemAttributes.SCORES), "so stored scores are removed");

        Map<String, AttributeValue> item = new HashMap<>(set);
        item.put(CustomerAttributes.CUSTOMER_ID, AttributeValue.fromS("C1"));
        item.put(ProfileItemAttributes.VERSION, AttributeValue.fromN("7"));
        StoredProfile stored = mapper.stored(item);
        assertEquals(7, stored.version());
        assertFalse(stored.profilingOptOut());
        assertEquals(2, stored.history().orderCount());
        assertEquals(history.aggregatesAt(after), stored.history().aggregatesAt(after));
        assertEquals(after, stored.snapshotAsOf());
    }
}
