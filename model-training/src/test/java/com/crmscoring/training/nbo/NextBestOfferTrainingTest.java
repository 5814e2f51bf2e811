package com.crmscoring.training.nbo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.crmscoring.shared.domain.Order;
import com.crmscoring.shared.domain.OrderLine;
import com.crmscoring.shared.offers.AssociationRule;
import com.crmscoring.shared.offers.OfferCatalogue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NextBestOfferTrainingTest {

    private static final OfferCatalogue CATALOGUE = OfferCatalogue.loadDefault();

    private static Order order(String id, String customer, String at, String... descriptions) {
        List<OrderLine> lines = new ArrayList<>();
        for (String d : descriptions) {
            lines.add(new OrderLine(d, d, 1, 1.0));
        }
        return new Order(id, customer, Instant.parse(at), "United Kingdom", false, lines);
    }

    @Test
    void basketRulesCountOrdersHoldingBothFamilies() {
        List<Order> orders = List.of(
                order("1", "a", "2011-01-01T10:00:00Z", "PARTY BUNTING", "WHITE HANGING HEART"),
                order("2", "b", "2011-01-02T10:00:00Z", "PARTY BUNTING", "RED HEART CUSHION"),
                order("3", "c", "2011-01-03T10:00:00Z", "PARTY BUNTING"),
                order("4", "d", "2011-01-04T10:00:00Z", "JUMBO BAG RED"));
        List<AssociationRule> rules = new RuleMiner(CATALOGUE, 0.1, 0.1).baskets(orders, Instant.parse("2012-01-01T00:00:00Z"));
        AssociationRule partyToDecor = rules.stream()
                .filter(r -> r.antecedent().equals(List.of("party-and-paper")) && r.consequent().equals("home-decor")).findFirst().orElseThrow();
        assertEquals(0.5, partyToDecor.support(), 1e-12, "2 of 4 baskets");
        assertEquals(2.0 / 3, partyToDecor.confidence(), 1e-12, "2 of the 3 party baskets");
        assertEquals((2.0 / 3) / 0.5, partyToDecor.lift(), 1e-12, "decor is in half the baskets");
    }

    @Test
    void sequenceRulesNeedALaterOrderInsideTheWindow() {
        var byCustomer = Map.of(
                "a", List.of(order("1", "a", "2011-01-01T10:00:00Z", "PARTY BUNTING"), order("2", "a", "2011-01-20T10:00:00Z", "JUMBO BAG")),
                "b", List.of(order("3", "b", "2011-01-01T10:00:00Z", "PARTY BUNTING"), order("4", "b", "2011-06-01T10:00:00Z", "JUMBO BAG")));
        List<AssociationRule> rules = new RuleMiner(CATALOGUE, 0.1, 0.1).sequences(byCustomer, Instant.parse("2012-01-01T00:00:00Z"), 60);
        AssociationRule rule = rules.stream().filter(r -> r.consequent().equals("bags")).findFirst().orElseThrow();
        assertEquals(0.5, rule.confidence(), 1e-12, "b bought bags five months later: outside the 60 days");
        assertEquals("sequence", rule.kind());
    }

    @Test
    void onTheShopData_theModelBeatsPopularityOutOfTime() throws Exception {
        Path data = Path.of(System.getProperty("crm.data.dir", "../../shared/data"), "online-retail.csv.gz");
        assumeTrue(Files.exists(data), "the public Online Retail data is absent: " + data.toAbsolutePath());
        NextBestOfferTraining.Result r = new NextBestOfferTraining(CATALOGUE, 5, 42, line -> { }).train(data);
        var byMethod = new java.util.HashMap<String, NextBestOfferTraining.Evaluation>();
        r.evaluation().forEach(e -> byMethod.put(e.method(), e));
        assertTrue(byMethod.get("model").hitAt1() > byMethod.get("popularity").hitAt1(), r.evaluation().toString());
        // The shop's best customers, who bought from every family lately, are evaluated too.
        assertTrue(byMethod.get("replenishment.model").customers() > 0, r.evaluation().toString());
        assertEquals(byMethod.get("model").customers(), byMethod.get("popularity").customers());
        assertEquals("order of offers", r.exported().parity().decision());
        assertEquals(CATALOGUE.ids().stream().sorted().toList(), r.metadata().outputLabels().stream().sorted().toList());
        assertTrue(r.metadata().rules().size() > 10);
    }
}
