package com.crmscoring.scoring.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.crmscoring.scoring.churn.ChurnScore;
import com.crmscoring.scoring.offer.NextBestOffers;
import com.crmscoring.scoring.overview.CustomerOverview;
import com.crmscoring.scoring.score.Reason;
import com.crmscoring.scoring.score.ScoreStatus;
import com.crmscoring.scoring.segment.SegmentScore;
import com.crmscoring.scoring.value.LifetimeValueScore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dashboard's figures from hand-made scorer answers, each checked against its definition. */
class CustomerBaseReportTest {

    private static final Instant AT = Instant.parse("2011-12-10T00:00:00Z");
    private static final Instant SINCE = Instant.parse("2011-09-11T00:00:00Z");

    @Test
    void leavesOutTheOptedOutAndProspectsAndSumsValueAtRiskPerBand() {
        List<CustomerOverview> all = List.of(
                scored("a", "high", 0.9, 100, "Loyal", "RECESSION", "home-decor", 0.5, false),
                scored("b", "medium", 0.5, 1000, "Loyal", "MATURITY", "home-decor", 0.2, true),
                scored("c", "low", 0.1, 5000, "Big", "MATURITY", "kitchen", 0.4, false),
                scored("d", "medium", 0.4, -30, "Big", "GROWTH", "kitchen", 0.1, false),
                optedOut("e"),
                prospect("f"));
        CustomerBaseReport r = CustomerBaseReport.of(AT, SINCE, Map.of("churn", "churn 1"), all,
                Map.of("a", "MATURITY", "b", "MATURITY", "c", "GROWTH"));

        assertEquals(6, r.customers());
        assertEquals(1, r.optedOut());
        assertEquals(1, r.noPurchase());
        assertEquals(4, r.included());
        assertEquals("2011-12-10T00:00:00Z", r.at());

        assertEquals(List.of("Big", "Loyal"), r.segments().stream().map(CustomerBaseReport.SegmentRow::segment).toList());
        assertEquals(List.of(0, 1, 1, 0, 0), r.segments().get(0).byStage(), "Big: one GROWTH, one MATURITY");

        assertEquals(1, r.movement().get("MATURITY").get("RECESSION"), "a slipped from maturity");
        assertEquals(1, r.movement().get("MATURITY").get("MATURITY"));
        assertEquals(1, r.movement().get("GROWTH").get("MATURITY"));
        assertEquals(1, r.movement().get(CustomerBaseReport.NOT_YET).get("GROWTH"), "d had no purchase then");

        CustomerBaseReport.RiskBand high = r.riskBands().get(0);
        CustomerBaseReport.RiskBand medium = r.riskBands().get(1);
        assertEquals("high", high.band());
        assertEquals(90, high.valueAtRisk(), 1e-9);
        assertEquals(2, medium.customers());
        assertEquals(1000, medium.expectedSpend(), 1e-9, "a negative forecast holds no value");
        assertEquals(500, medium.valueAtRisk(), 1e-9);

        assertEquals(List.of("b", "a"), r.saveList().stream().map(CustomerBaseReport.SaveListEntry::customerId).toList(),
                "at-risk bands only, most value at risk first; d has none to lose, c is low risk, e opted out");
        assertEquals("home-decor offer", r.saveList().get(0).bestOffer());

        CustomerBaseReport.OfferFamily decor = r.offers().get(0);
        assertEquals("home-decor", decor.offerId());
        assertEquals(2, decor.bestFor());
        assertEquals(1, decor.replenishment());
        assertEquals(0.7, decor.expectedTakeUp(), 1e-9);
    }

    @Test
    void thePageEscapesWhatItShowsAndCarriesOnlyIdsOfPeople() {
        List<CustomerOverview> all = new ArrayList<>();
        all.add(scored("x1", "high", 0.8, 400, "<script>alert(1)</script>", "RECESSION", "home-decor", 0.3, false));
        all.add(optedOut("SECRET-OPTED-OUT"));
        String html = CustomerBasePage.render(CustomerBaseReport.of(AT, SINCE, Map.of("churn", "churn 1"), all, Map.of()));
        assertFalse(html.contains("<script>"), "a segment name is text, never markup");
        assertTrue(html.contains("&lt;script&gt;"));
        assertFalse(html.contains("SECRET-OPTED-OUT"), "nothing about an opted-out customer but the count");
        assertTrue(html.contains("<td class=\"l customer\">x1</td>"));
        for (String chart : List.of("chart-segments", "chart-risk-customers", "chart-value-at-risk", "chart-offers")) {
            assertTrue(html.contains("id=\"" + chart + "\""), chart);
        }
    }

    private static CustomerOverview scored(String id, String band, double p, double spend, String segment, String stage, String offer,
                                           double takeUp, boolean replenishment) {
        String asOf = AT.toString();
        return new CustomerOverview(id,
                new ChurnScore(id, ScoreStatus.SCORED, p, band, List.of(new Reason("recencyDays", "40", "raises", 0.5)), List.of(),
                        "churn", "1", asOf),
                new SegmentScore(id, ScoreStatus.SCORED, segment.length(), segment, Map.of(), stage, List.of(), "segments", "1", asOf),
                new LifetimeValueScore(id, ScoreStatus.SCORED, spend, 1.0, 0.9, 90, List.of(), List.of(), "lifetime-value", "1", asOf),
                new NextBestOffers(id, ScoreStatus.SCORED, List.of(new NextBestOffers.OfferScore(offer, offer + " offer", takeUp, takeUp,
                        0, "because", replenishment)), "next-best-offer", "1", asOf));
    }

    private static CustomerOverview optedOut(String id) {
        String asOf = AT.toString();
        return new CustomerOverview(id,
                new ChurnScore(id, ScoreStatus.OPTED_OUT, null, null, null, null, "churn", "1", asOf),
                new SegmentScore(id, ScoreStatus.OPTED_OUT, null, null, null, null, null, "segments", "1", asOf),
                new LifetimeValueScore(id, ScoreStatus.OPTED_OUT, null, null, null, 90, null, null, "lifetime-value", "1", asOf),
                new NextBestOffers(id, ScoreStatus.OPTED_OUT, null, "next-best-offer", "1", asOf));
    }

    private static CustomerOverview prospect(String id) {
        String asOf = AT.toString();
        return new CustomerOverview(id,
                new ChurnScore(id, ScoreStatus.SCORED, 0.95, "high", List.of(), List.of(), "churn", "1", asOf),
                new SegmentScore(id, ScoreStatus.SCORED, null, null, null, "ACQUISITION", List.of(), "segments", "1", asOf),
                new LifetimeValueScore(id, ScoreStatus.SCORED, 5.0, 0.1, null, 90, List.of(), List.of(), "lifetime-value", "1", asOf),
                new NextBestOffers(id, ScoreStatus.SCORED, List.of(), "next-best-offer", "1", asOf));
    }
}
