package com.crmscoring.shared.offers;

import com.crmscoring.shared.features.FeatureSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Ranks the catalogue's offers for one customer from two sources: the propensity model's
 * probability that the customer's next purchase is in the offer's family, and the strongest
 * association or sequence rule whose antecedent the customer has bought. Offers the customer is
 * not eligible for, or already has, are left out. Used by training (to evaluate) and scoring.
 *
 * <p>Every eligible customer gets an offer. The shop's best customers buy from every family every
 * month, so the "already has it" window would leave them none; for them, and only when nothing
 * else is left, the recently bought families come back as <em>replenishment</em> offers, ranked
 * the same way and marked as such (measured out of time in the next-best-offer training).
 */
public final class OfferRanker {

    /**
     * Weight of the model's probability in the served ranking; the rule confidence gets the rest.
     * The model ranks alone: blending in the rules at 0.5 cost hit@1 out of time (the training
     * report's "blend 0.5" row), so the rules stay as what they are good at, the reason ("baskets
     * with Bags often hold Toys") for an offer the model ranks.
     */
    public static final double MODEL_WEIGHT = 1.0;

    /**
     * One ranked offer with the reason for it.
     *
     * @param replenishment true for a family the customer bought from within its exclusion window,
     *                      offered because every other eligible family was too
     */
    public record RankedOffer(String offerId, String name, double score, double modelProbability, double ruleConfidence,
                              String reason, boolean replenishment) {
    }

    private final OfferCatalogue catalogue;
    /**
     * The rules by the offer they recommend, strongest first (ties in the order given): the first
     * whose antecedent the customer owns is the strongest that applies, without scanning every
     * rule for every offer.
     */
    private final Map<String, List<AssociationRule>> rulesByOffer;

    public OfferRanker(OfferCatalogue catalogue, List<AssociationRule> rules) {
        this.catalogue = catalogue;
        Map<String, List<AssociationRule>> byOffer = new HashMap<>();
        for (AssociationRule r : rules) {
            byOffer.computeIfAbsent(r.consequent(), k -> new ArrayList<>()).add(r);
        }
        byOffer.replaceAll((offer, list) -> list.stream()
                .sorted(Comparator.comparingDouble(AssociationRule::confidence).reversed()).toList());
        this.rulesByOffer = Map.copyOf(byOffer);
    }

    /** Every offer ranked; see {@link #rank(FeatureSource, Map, double, int)}. */
    public List<RankedOffer> rank(FeatureSource customer, Map<String, Double> probabilities, double modelWeight) {
        return rank(customer, probabilities, modelWeight, Integer.MAX_VALUE);
    }

    /**
     * @param customer      profile attributes: {@code ordersTotal} and the family attributes of {@link FamilyAggregates}
     * @param probabilities the model's probability per offer id (empty for rules only)
     * @param modelWeight   weight of the model, between 0 (rules only) and 1 (model only)
     * @param limit         how many of the best offers to return: only those get their reason's text
     */
    public List<RankedOffer> rank(FeatureSource customer, Map<String, Double> probabilities, double modelWeight, int limit) {
        double orders = number(customer.value("ordersTotal"), 0);
        List<String> owned = new ArrayList<>();
        for (Offer o : catalogue.offers()) {
            if (number(customer.value(o.shareAttribute()), 0) > 0) {
                owned.add(o.id());
            }
        }
        List<Candidate> ranked = new ArrayList<>();
        List<Candidate> replenishment = new ArrayList<>();
        for (Offer offer : catalogue.offers()) {
            if (orders < offer.minOrders()) {
                continue;
            }
            double daysSince = number(customer.value(offer.daysSinceAttribute()), Double.POSITIVE_INFINITY);
            AssociationRule best = null;
            for (AssociationRule r : rulesByOffer.getOrDefault(offer.id(), List.of())) {
                if (owned.containsAll(r.antecedent())) {
                    best = r;
                    break;
                }
            }
            double p = probabilities.getOrDefault(offer.id(), 0.0);
            double confidence = best == null ? 0 : best.confidence();
            Candidate c = new Candidate(offer, best, modelWeight * p + (1 - modelWeight) * confidence, p, confidence, daysSince);
            (daysSince < offer.excludeIfBoughtWithinDays() ? replenishment : ranked).add(c);
        }
        List<Candidate> chosen = ranked.isEmpty() ? replenishment : ranked;
        chosen.sort(Comparator.comparingDouble((Candidate c) -> -c.score()).thenComparing(c -> c.offer().id()));
        List<RankedOffer> out = new ArrayList<>(Math.min(limit, chosen.size()));
        for (Candidate c : chosen.subList(0, Math.min(limit, chosen.size()))) {
            out.add(c.ranked(catalogue, chosen == replenishment));
        }
        return out;
    }

    /** An eligible offer with its evidence, before its reason is put into words. */
    private record Candidate(Offer offer, AssociationRule best, double score, double p, double confidence, double daysSince) {

        RankedOffer ranked(OfferCatalogue catalogue, boolean replenishment) {
            // The stronger of the two pieces of evidence explains the offer, whatever ranks it.
            String reason = best != null && confidence >= p
                    ? best.explain(catalogue)
                    : String.format(Locale.ROOT, "the propensity model gives %.0f %% that the next purchase is %s", 100 * p,
                            offer.name().toLowerCase(Locale.ROOT));
            if (replenishment) {
                reason = String.format(Locale.ROOT, "replenishment: bought from this family %.0f days ago, as from every other; %s",
                        daysSince, reason);
            }
            return new RankedOffer(offer.id(), offer.name(), score, p, confidence, reason, replenishment);
        }
    }

    private static double number(Object raw, double missing) {
        if (raw instanceof Number n) {
            return n.doubleValue();
        }
        if (raw instanceof String s) {
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                return missing;
            }
        }
        return missing;
    }
}
