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
    void aCustomerWhoBoughtFromEveryFamilyLatelyGetsReplenishmentOffers_andOnlyThen() {
        OfferRanker ranker = new OfferRanker(CATALOGUE, List.of());
        Map<String, Object> c = customer(5, 3, 0.4);
        c.put("familyShare.toys", 0.3);
        c.put("familyDaysSince.toys", 12.0);
        c.put("familyShare.decor", 0.3);
        c.put("familyDaysSince.decor", 1.0);
        List<OfferRanker.RankedOffer> ranked = ranker.rank(c::get, Map.of("bags", 0.2, "toys", 0.5, "decor", 0.3), 1.0);
        assertEquals(List.of("toys", "decor", "bags"), ranked.stream().map(OfferRanker.RankedOffer::offerId).toList(),
                "every family comes back, ranked as usual");
        assertTrue(ranked.stream().allMatch(OfferRanker.RankedOffer::replenishment));
        assertTrue(ranked.get(0).reason().startsWith("replenishment: bought from this family 12 days ago"), ranked.get(0).reason());

        c.put("familyDaysSince.toys", 45.0);
        List<OfferRanker.RankedOffer> one = ranker.rank(c::get, Map.of("bags", 0.2, "toys", 0.5, "decor", 0.3), 1.0);
        assertEquals(List.of("toys"), one.stream().map(OfferRanker.RankedOffer::offerId).toList(),
                "with one family not bought lately, the others stay excluded");
        assertFalse(one.get(0).replenishment());
    }

    @Test
    void everyCustomerEligibleForAnyOfferGetsOne_whateverTheyBoughtAndWhen() {
        OfferRanker ranker = new OfferRanker(CATALOGUE, List.of(new AssociationRule(List.of("bags"), "toys", 0.1, 0.8, 2.0, "basket", 0)));
        java.util.Random random = new java.util.Random(11);
        String[] families = {"bags", "toys", "decor"};
        for (int i = 0; i < 10_000; i++) {
            Map<String, Object> c = new HashMap<>();
            c.put("ordersTotal", (double) random.nextInt(5));
            Map<String, Double> p = new HashMap<>();
            for (String f : families) {
                if (random.nextBoolean()) {
                    c.put("familyShare." + f, random.nextDouble());
                    c.put("familyDaysSince." + f, random.nextDouble() * 60);
                }
                p.put(f, random.nextDouble());
            }
            assertFalse(ranker.rank(c::get, p, OfferRanker.MODEL_WEIGHT).isEmpty(), c.toString());
        }
    }

    @Test
    void familiesAreWholeWords() {
        assertEquals("bags", CATALOGUE.familyOf("JUMBO BAG RED").orElseThrow().id());
        assertTrue(CATALOGUE.familyOf("BAGUETTE TIN").isEmpty(), "BAG inside BAGUETTE is not a bag");
    }
}
