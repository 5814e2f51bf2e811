package com.crmscoring.scoring.dashboard;

import com.crmscoring.scoring.churn.ChurnScore;
import com.crmscoring.scoring.offer.NextBestOffers;
import com.crmscoring.scoring.overview.CustomerOverview;
import com.crmscoring.scoring.score.Reason;
import com.crmscoring.scoring.score.ScoreStatus;
import com.crmscoring.shared.lifecycle.LifecycleStage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The customer base at one instant, as the marketing team reads it: how many customers are in each
 * segment and life-cycle stage and how they moved since an earlier instant, how much future value
 * each churn risk band holds and how much of it is at risk, whom to call first (the save list),
 * and which offer families are the best offer for how many. Every figure comes from the production
 * scorers' answers ({@link CustomerOverview}); nothing here scores.
 *
 * <p>The save list carries customer ids only: the dashboard is shared with people who act on it,
 * and an id is what they look the customer up by in the CRM.
 *
 * @param at                  the instant every score describes (ISO-8601, as the API's {@code asOf})
 * @param since               the earlier instant the stage movement is counted from
 * @param models              the models behind the figures, by score: {@code name version}
 * @param customers           profiles read
 * @param optedOut            left out: they objected to profiling, so nothing about them is shown
 * @param noPurchase          left out: no purchase yet, so no segment, risk or value to show
 * @param stages              the life-cycle stages, in life-cycle order (columns of {@code segments})
 * @param segments            included customers by segment and stage, largest segment first
 * @param movement            included customers by their stage at {@code since} (or {@link #NOT_YET} when
 *                            they had no purchase then) and their stage at {@code at}
 * @param riskBands           churn risk bands, riskiest first
 * @param saveList            the customers in the {@link #AT_RISK_BANDS} with the most value at risk (forecast
 *                            spend times churn probability), most first, who have not opted out
 * @param offers              offer families by how many customers they are the best offer for
 */
public record CustomerBaseReport(String at, String since, Map<String, String> models, int customers, int optedOut, int noPurchase,
                                 List<String> stages, List<SegmentRow> segments, Map<String, Map<String, Integer>> movement,
                                 List<RiskBand> riskBands, List<SaveListEntry> saveList,
                                 List<OfferFamily> offers) {

    /** The movement row of customers who had not bought yet at the earlier instant. */
    public static final String NOT_YET = "NOT_YET_A_CUSTOMER";
    /** The save list's length: a week's calls for a small retention team. */
    public static final int SAVE_LIST_SIZE = 25;
    /**
     * The churn bands a customer must be in to be on the save list: the riskiest half of the
     * training customers. The high band alone holds almost no one of high forecast value (the
     * forecast already expects little from a customer who is leaving, and the bundled shop's high
     * band forecasts about 70 each); those worth a call are the valuable ones who are starting to
     * slip, and ranking by value at risk puts them first.
     */
    public static final Set<String> AT_RISK_BANDS = Set.of("high", "medium");

    /** Customers of one segment by life-cycle stage (in the order of {@link #stages}). */
    public record SegmentRow(String segment, List<Integer> byStage, int total) {
    }

    /**
     * @param expectedSpend the band's forecast spend over the lifetime-value horizon
     * @param valueAtRisk   the sum over its customers of forecast spend times churn probability
     */
    public record RiskBand(String band, int customers, double expectedSpend, double valueAtRisk) {
    }

    /**
     * @param reasons   the churn score's top reasons, as the API gives them
     * @param bestOffer the best offer's name, or null when none
     */
    public record SaveListEntry(String customerId, double churnProbability, String riskBand, double expectedSpend, double valueAtRisk,
                                Double probabilityAlive, String segment, String lifecycleStage, List<Reason> reasons,
                                String bestOffer, String bestOfferReason) {
    }

    /**
     * @param bestFor       customers for whom it is the best offer
     * @param replenishment of those, how many get it as a replenishment offer
     * @param expectedTakeUp the sum of the propensity model's probability over those customers: how
     *                      many of them are expected to buy from the family if offered it
     */
    public record OfferFamily(String offerId, String name, int bestFor, int replenishment, double expectedTakeUp) {
    }

    /**
     * Aggregates the production scorers' answers.
     *
     * @param scored      every customer's overview at {@code at}
     * @param stageBefore included customers' life-cycle stage at {@code since}, by id; absent when
     *                    they had no purchase then
     */
    public static CustomerBaseReport of(Instant at, Instant since, Map<String, String> models, List<CustomerOverview> scored,
                                        Map<String, String> stageBefore) {
        List<String> stages = Arrays.stream(LifecycleStage.values()).map(Enum::name).toList();
        int optedOut = 0;
        int noPurchase = 0;
        List<CustomerOverview> included = new ArrayList<>();
        for (CustomerOverview c : scored) {
            if (c.churn().status() == ScoreStatus.OPTED_OUT) {
                optedOut++;
            } else if (c.segment().segmentId() == null) {
                noPurchase++;
            } else {
                included.add(c);
            }
        }

        Map<String, int[]> bySegment = new TreeMap<>();
        Map<String, Map<String, Integer>> movement = new LinkedHashMap<>();
        for (String from : stagesWithNotYet(stages)) {
            movement.put(from, new LinkedHashMap<>());
            stages.forEach(to -> movement.get(from).put(to, 0));
        }
        for (CustomerOverview c : included) {
            String stage = c.segment().lifecycleStage();
            bySegment.computeIfAbsent(c.segment().segmentName(), s -> new int[stages.size()])[stages.indexOf(stage)]++;
            movement.get(stageBefore.getOrDefault(c.customerId(), NOT_YET)).merge(stage, 1, Integer::sum);
        }
        List<SegmentRow> segments = new ArrayList<>();
        bySegment.forEach((name, counts) -> segments.add(new SegmentRow(name, Arrays.stream(counts).boxed().toList(),
                Arrays.stream(counts).sum())));
        segments.sort(Comparator.comparingInt(SegmentRow::total).reversed().thenComparing(SegmentRow::segment));

        Map<String, double[]> bands = new LinkedHashMap<>();
        for (String band : List.of("high", "medium", "low")) {
            bands.put(band, new double[3]);
        }
        for (CustomerOverview c : included) {
            double[] b = bands.computeIfAbsent(c.churn().riskBand(), k -> new double[3]);
            b[0]++;
            b[1] += spend(c);
            b[2] += valueAtRisk(c);
        }
        List<RiskBand> riskBands = new ArrayList<>();
        bands.forEach((band, b) -> riskBands.add(new RiskBand(band, (int) b[0], b[1], b[2])));

        List<SaveListEntry> saveList = included.stream()
                .filter(c -> AT_RISK_BANDS.contains(c.churn().riskBand()) && valueAtRisk(c) > 0)
                .sorted(Comparator.comparingDouble(CustomerBaseReport::valueAtRisk).reversed().thenComparing(CustomerOverview::customerId))
                .limit(SAVE_LIST_SIZE)
                .map(CustomerBaseReport::saveListEntry)
                .toList();

        Map<String, double[]> byOffer = new TreeMap<>();
        Map<String, String> offerNames = new TreeMap<>();
        for (CustomerOverview c : included) {
            List<NextBestOffers.OfferScore> offers = c.nextBestOffers().offers();
            if (offers == null || offers.isEmpty()) {
                continue;
            }
            NextBestOffers.OfferScore best = offers.get(0);
            offerNames.put(best.offerId(), best.name());
            double[] o = byOffer.computeIfAbsent(best.offerId(), k -> new double[3]);
            o[0]++;
            o[1] += best.replenishment() ? 1 : 0;
            o[2] += best.modelProbability();
        }
        List<OfferFamily> offerFamilies = new ArrayList<>();
        byOffer.forEach((id, o) -> offerFamilies.add(new OfferFamily(id, offerNames.get(id), (int) o[0], (int) o[1], o[2])));
        offerFamilies.sort(Comparator.comparingInt(OfferFamily::bestFor).reversed().thenComparing(OfferFamily::offerId));

        return new CustomerBaseReport(at.toString(), since.toString(), models, scored.size(), optedOut, noPurchase, stages, segments, movement, riskBands,
                saveList, offerFamilies);
    }

    /** Customers the figures describe: neither opted out nor without a purchase. */
    public int included() {
        return customers - optedOut - noPurchase;
    }

    private static List<String> stagesWithNotYet(List<String> stages) {
        List<String> rows = new ArrayList<>(stages);
        rows.add(NOT_YET);
        return rows;
    }

    private static SaveListEntry saveListEntry(CustomerOverview c) {
        ChurnScore churn = c.churn();
        List<NextBestOffers.OfferScore> offers = c.nextBestOffers().offers();
        NextBestOffers.OfferScore best = offers == null || offers.isEmpty() ? null : offers.get(0);
        return new SaveListEntry(c.customerId(), churn.churnProbability(), churn.riskBand(), spend(c), valueAtRisk(c),
                c.lifetimeValue().probabilityAlive(), c.segment().segmentName(), c.segment().lifecycleStage(), churn.reasons(),
                best == null ? null : best.name(), best == null ? null : best.reason());
    }

    /** The lifetime-value forecast; a negative forecast (returns exceed purchases) holds no value to lose. */
    static double spend(CustomerOverview c) {
        Double spend = c.lifetimeValue().expectedSpend();
        return spend == null ? 0 : Math.max(0, spend);
    }

    /** Forecast spend times churn probability: what the shop expects to lose if it does nothing. */
    static double valueAtRisk(CustomerOverview c) {
        return spend(c) * c.churn().churnProbability();
    }
}
