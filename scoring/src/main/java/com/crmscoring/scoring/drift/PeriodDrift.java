package com.crmscoring.scoring.drift;

import com.crmscoring.scoring.config.ScoringFactory;
import com.crmscoring.scoring.score.CustomerFeatures;
import com.crmscoring.scoring.score.PersonalScorer;
import com.crmscoring.shared.aggregates.CustomerHistory;
import com.crmscoring.shared.domain.Order;
import com.crmscoring.shared.features.FeatureSource;
import com.crmscoring.shared.model.DriftReference;
import com.crmscoring.shared.model.OnnxModel;
import com.crmscoring.shared.model.ServedModel;
import com.crmscoring.shared.offers.OfferCatalogue;
import com.crmscoring.shared.orders.OrderFeatureSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Drift between two periods of one shop's history, by the drift job's own code: the customers of
 * the earlier period are the reference (fitted exactly as the export fits a training population),
 * those of the later one are compared with it; for fraud screening, the orders placed in each
 * period. What an analyst runs to see how the customer base
 * moved, and how the drift report reads on real data.
 */
public final class PeriodDrift {

    /** The customers who bought in {@code [from, to)}, described at {@code to} from their orders before it. */
    public record Period(String name, Instant from, Instant to) {
    }

    private PeriodDrift() {
    }

    public static DriftReport compare(List<Order> orders, Period reference, Period compared, ScoringFactory scoring) {
        Map<String, List<Order>> byCustomer = byCustomer(orders);
        List<CustomerFeatures> before = customers(byCustomer, reference, scoring);
        List<CustomerFeatures> after = customers(byCustomer, compared, scoring);
        List<PopulationDrift.Watched> watched = new ArrayList<>();
        for (PersonalScorer<?> scorer : scoring.customerScorers()) {
            List<FeatureSource> inputs = before.stream().map(scorer::modelInput).filter(Objects::nonNull).toList();
            watched.add(new PopulationDrift.Watched(scorer.onnxModel(), scorer::modelInput, fitted(scorer.onnxModel(), inputs)));
        }
        // Fraud screening reads orders: those placed in each period, each against its customer's history before it.
        OnnxModel fraud = scoring.model(ServedModel.FRAUD_ANOMALY);
        List<FeatureSource> ordersBefore = screened(byCustomer, reference, scoring);
        watched.add(PopulationDrift.Watched.orders(fraud, fitted(fraud, ordersBefore)));
        PopulationDrift drift = new PopulationDrift(watched);
        for (int from = 0; from < after.size(); from += 500) {
            drift.add(after.subList(from, Math.min(after.size(), from + 500)));
        }
        List<FeatureSource> ordersAfter = screened(byCustomer, compared, scoring);
        for (int from = 0; from < ordersAfter.size(); from += 500) {
            drift.addOrders(ordersAfter.subList(from, Math.min(ordersAfter.size(), from + 500)));
        }
        return drift.report(compared.to(), compared.from(), "customers of " + reference.name() + ", described at " + reference.to()
                + ", and their orders", false);
    }

    /** A reference fitted exactly as the export fits a training population. */
    private static DriftReference fitted(OnnxModel model, List<FeatureSource> inputs) {
        return DriftReference.of(model.metadata(), inputs, DriftReference.scores(model, model.batch(inputs), inputs.size()));
    }

    private static Map<String, List<Order>> byCustomer(List<Order> orders) {
        Map<String, List<Order>> byCustomer = new LinkedHashMap<>();
        for (Order o : orders) {
            byCustomer.computeIfAbsent(o.customerId(), k -> new ArrayList<>()).add(o);
        }
        return byCustomer;
    }

    private static List<FeatureSource> screened(Map<String, List<Order>> byCustomer, Period period, ScoringFactory scoring) {
        List<FeatureSource> out = new ArrayList<>();
        byCustomer.forEach((id, theirs) -> out.addAll(OrderFeatureSource.screened(id, theirs, period.from(), period.to(),
                scoring.settings().shopZone())));
        return out;
    }

    private static List<CustomerFeatures> customers(Map<String, List<Order>> byCustomer, Period period, ScoringFactory scoring) {
        OfferCatalogue catalogue = OfferCatalogue.loadDefault();
        List<CustomerFeatures> out = new ArrayList<>();
        byCustomer.forEach((id, theirs) -> {
            boolean bought = theirs.stream().anyMatch(o -> !o.cancellation() && !o.orderedAt().isBefore(period.from())
                    && o.orderedAt().isBefore(period.to()));
            if (bought) {
                out.add(scoring.features().describe(id, false, CustomerHistory.of(theirs, period.to(), catalogue), period.to()));
            }
        });
        return out;
    }
}
