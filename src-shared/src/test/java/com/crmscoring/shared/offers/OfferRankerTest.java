package com.crmscoring.shared.offers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OfferRankerTest {

    private static final OfferCatalogue CATALOGUE = new OfferCatalogue("test", List.of(
            new Offer("bags", "Bags", "\\bBAGS?\\b", 0, 30),
            new Offer("toys", "Toys", "\\bTOYS?\\b", 0, 30),
            new Offer("decor", "Decor", "\\bHEART\\b", 2, 30)));

    private static Map<String, Object> customer(double orders, double bagsDaysSince, double bagsShare) {
        Map<String, Object> m = new HashMap<>();
        m.put("ordersTotal", orders);
        m.put("familyShare.bags", bagsShare);
        m.put("familyDaysSince.bags", bagsDaysSince);
        m.put("familyShare.toys", 0.0);
        m.put("familyShare.decor", 0.0);
        return m;
    }

    @Test
    void leavesOutWhatTheCustomerBoughtLately_andWhatTheyAreNotEligibleFor() {
        OfferRanker ranker = new OfferRanker(CATALOGUE, List.of());
        Map<String, Object> c = customer(1, 5, 0.4);   // bags 5 days ago; one order only
        List<String> ids = ranker.rank(c::get, Map.of("bags", 0.9, "toys", 0.1, "decor", 0.5), 1.0).stream()
                .map(OfferRanker.RankedOffer::offerId).toList();
        assertEquals(List.of("toys"), ids, "bags are owned (bought within 30 days), decor needs 2 orders");
    }

    @Test
    void aRuleFromWhatTheCustomerBoughtRaisesItsConsequent_andBecomesTheReason() {
        AssociationRule bagsToToys = new AssociationRule(List.of("bags"), "toys", 0.1, 0.8, 2.0, "basket", 0);
        OfferRanker ranker = new OfferRanker(CATALOGUE, List.of(bagsToToys));
        Map<String, Object> c = customer(3, 90, 0.4);   // bought bags, long ago: owned family for rules, not excluded
        List<OfferRanker.RankedOffer> ranked = ranker.rank(c::get, Map.of("bags", 0.5, "toys", 0.1, "decor", 0.3), 0.5);
        assertEquals("toys", ranked.get(0).offerId(), "0.5*0.1 + 0.5*0.8 beats 0.5*0.5");
        assertTrue(ranked.get(0).reason().startsWith("baskets with Bags often hold Toys"), ranked.get(0).reason());
        assertFalse(ranked.get(1).reason().startsWith("baskets"), "no rule for the others: the model is the reason");
    }

    @Test
    void familiesAreWholeWords() {
        assertEquals("bags", CATALOGUE.familyOf("JUMBO BAG RED").orElseThrow().id());
        assertTrue(CATALOGUE.familyOf("BAGUETTE TIN").isEmpty(), "BAG inside BAGUETTE is not a bag");
    }
}
