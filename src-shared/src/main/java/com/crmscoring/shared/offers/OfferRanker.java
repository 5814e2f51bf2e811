package com.crmscoring.shared.offers;

import com.crmscoring.shared.features.FeatureSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Ranks the catalogue's offers for one customer from two sources: the propensity model's
 * probability that the customer's next purchase is in the offer's family, and the strongest
 * association or sequence rule whose antecedent the customer has bought. Offers the customer is
 * not eligible for, or already has, are left out. Used by training (to evaluate) and scoring.
 */
public final class OfferRanker {

    /** Weight of the model's probability; the rule confidence gets the rest. */
    public static final double MODEL_WEIGHT = 0.5;

    /** One ranked offer with the reason for it. */
    public record RankedOffer(String offerId, String name, double score, double modelProbability, double ruleConfidence,
                              String reason) {
    }

    private final OfferCatalogue catalogue;
    private final List<AssociationRule> rules;

    public OfferRanker(OfferCatalogue catalogue, List<AssociationRule> rules) {
        this.catalogue = catalogue;
        this.rules = List.copyOf(rules);
    }

    /**
     * @param customer      profile attributes: {@code ordersTotal} and the family attributes of {@link FamilyAggregates}
     * @param probabilities the model's probability per offer id (empty for rules only)
     * @param modelWeight   weight of the model, between 0 (rules only) and 1 (model only)
     */
    public List<RankedOffer> rank(FeatureSource customer, Map<String, Double> probabilities, double modelWeight) {
        double orders = number(customer.value("ordersTotal"), 0);
        List<String> owned = new ArrayList<>();
        for (Offer o : catalogue.offers()) {
            if (number(customer.value(o.shareAttribute()), 0) > 0) {
                owned.add(o.id());
            }
        }
        List<RankedOffer> ranked = new ArrayList<>();
        for (Offer offer : catalogue.offers()) {
            double daysSince = number(customer.value(offer.daysSinceAttribute()), Double.POSITIVE_INFINITY);
            if (orders < offer.minOrders() || daysSince < offer.excludeIfBoughtWithinDays()) {
                continue;
            }
            AssociationRule best = null;
            for (AssociationRule r : rules) {
                if (r.consequent().equals(offer.id()) && owned.containsAll(r.antecedent())
                        && (best == null || r.confidence() > best.confidence())) {
                    best = r;
                }
            }
            double p = probabilities.getOrDefault(offer.id(), 0.0);
            double confidence = best == null ? 0 : best.confidence();
            double score = modelWeight * p + (1 - modelWeight) * confidence;
            String reason = best != null && (1 - modelWeight) * confidence >= modelWeight * p
                    ? best.explain(catalogue)
                    : String.format(Locale.ROOT, "the propensity model gives %.0f %% that the next purchase is %s", 100 * p,
                            offer.name().toLowerCase(Locale.ROOT));
            ranked.add(new RankedOffer(offer.id(), offer.name(), score, p, confidence, reason));
        }
        ranked.sort(Comparator.comparingDouble((RankedOffer r) -> -r.score()).thenComparing(RankedOffer::offerId));
        return ranked;
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
