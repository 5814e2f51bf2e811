package com.crmscoring.shared.offers;

import java.util.List;

/**
 * "Bought X, so Y": mined from baskets (X and Y in the same order) or from sequences (Y bought
 * within {@code withinDays} days after X).
 *
 * @param antecedent offer ids the customer has bought
 * @param consequent the offer id suggested
 * @param support    share of baskets (or customers, for sequences) holding both
 * @param confidence P(consequent | antecedent)
 * @param lift       confidence over the consequent's base rate
 * @param kind       {@code basket} or {@code sequence}
 * @param withinDays for sequences, the window after the antecedent; 0 for baskets
 */
public record AssociationRule(List<String> antecedent, String consequent, double support, double confidence, double lift,
                              String kind, int withinDays) {

    public AssociationRule {
        antecedent = List.copyOf(antecedent);
    }

    /** The rule as a reason a customer can read. */
    public String explain(OfferCatalogue catalogue) {
        String from = String.join(" and ", antecedent.stream().map(id -> catalogue.offer(id).name()).toList());
        String to = catalogue.offer(consequent).name();
        return kind.equals("sequence")
                ? String.format(java.util.Locale.ROOT, "customers who bought %s often buy %s within %d days (confidence %.0f %%, lift %.1f)",
                        from, to, withinDays, 100 * confidence, lift)
                : String.format(java.util.Locale.ROOT, "baskets with %s often hold %s (confidence %.0f %%, lift %.1f)",
                        from, to, 100 * confidence, lift);
    }
}
