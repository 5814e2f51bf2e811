package com.crmscoring.training.nbo;

import com.crmscoring.shared.domain.Order;
import com.crmscoring.shared.offers.AssociationRule;
import com.crmscoring.shared.offers.OfferCatalogue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Mines "bought X, so Y" rules over offer families: from baskets (X and Y in one order, the
 * beer-and-diapers kind) and from sequences (Y within {@code withinDays} after X, in a later
 * order). Single-family antecedents keep every rule readable as a reason.
 */
final class RuleMiner {

    private final OfferCatalogue catalogue;
    private final double minSupport;
    private final double minConfidence;

    RuleMiner(OfferCatalogue catalogue, double minSupport, double minConfidence) {
        this.catalogue = catalogue;
        this.minSupport = minSupport;
        this.minConfidence = minConfidence;
    }

    /** Families of an order's lines. */
    Set<String> families(Order order) {
        Set<String> out = new LinkedHashSet<>();
        order.lines().forEach(l -> catalogue.familyOf(l.description()).ifPresent(o -> out.add(o.id())));
        return out;
    }

    /** Basket rules over purchases placed before {@code before}. */
    List<AssociationRule> baskets(Collection<Order> orders, Instant before) {
        Map<String, Integer> single = new HashMap<>();
        Map<String, Integer> pair = new HashMap<>();
        int n = 0;
        for (Order o : orders) {
            if (o.cancellation() || !o.orderedAt().isBefore(before)) {
                continue;
            }
            n++;
            Set<String> f = families(o);
            for (String a : f) {
                single.merge(a, 1, Integer::sum);
                for (String b : f) {
                    if (!a.equals(b)) {
                        pair.merge(a + "|" + b, 1, Integer::sum);
                    }
                }
            }
        }
        return rules(single, pair, n, "basket", 0);
    }

    /** Sequence rules over customers' purchases before {@code before}: Y in a later order within the window after X. */
    List<AssociationRule> sequences(Map<String, List<Order>> byCustomer, Instant before, int withinDays) {
        Map<String, Integer> single = new HashMap<>();
        Map<String, Integer> pair = new HashMap<>();
        Duration window = Duration.ofDays(withinDays);
        for (List<Order> history : byCustomer.values()) {
            List<Order> purchases = history.stream().filter(o -> !o.cancellation() && o.orderedAt().isBefore(before))
                    .sorted(Comparator.comparing(Order::orderedAt)).toList();
            Set<String> had = new LinkedHashSet<>();
            Set<String> followed = new LinkedHashSet<>();
            for (int i = 0; i < purchases.size(); i++) {
                Set<String> fi = families(purchases.get(i));
                had.addAll(fi);
                for (int j = i + 1; j < purchases.size(); j++) {
                    Order later = purchases.get(j);
                    if (Duration.between(purchases.get(i).orderedAt(), later.orderedAt()).compareTo(window) > 0) {
                        break;
                    }
                    if (later.orderedAt().equals(purchases.get(i).orderedAt())) {
                        continue;
                    }
                    for (String a : fi) {
                        for (String b : families(later)) {
                            if (!a.equals(b)) {
                                followed.add(a + "|" + b);
                            }
                        }
                    }
                }
            }
            had.forEach(a -> single.merge(a, 1, Integer::sum));
            followed.forEach(p -> pair.merge(p, 1, Integer::sum));
        }
        return rules(single, pair, byCustomer.size(), "sequence", withinDays);
    }

    private List<AssociationRule> rules(Map<String, Integer> single, Map<String, Integer> pair, int n, String kind, int withinDays) {
        List<AssociationRule> out = new ArrayList<>();
        if (n == 0) {
            return out;
        }
        for (Map.Entry<String, Integer> e : pair.entrySet()) {
            String[] ab = e.getKey().split("\\|");
            double support = (double) e.getValue() / n;
            double confidence = (double) e.getValue() / single.get(ab[0]);
            double base = (double) single.getOrDefault(ab[1], 0) / n;
            if (support >= minSupport && confidence >= minConfidence && base > 0) {
                out.add(new AssociationRule(List.of(ab[0]), ab[1], support, confidence, confidence / base, kind, withinDays));
            }
        }
        out.sort(Comparator.comparingDouble(AssociationRule::lift).reversed()
                .thenComparing(r -> r.antecedent().get(0)).thenComparing(AssociationRule::consequent));
        return out;
    }
}
