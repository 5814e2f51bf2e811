package com.crmscoring.training.nbo;

import ai.onnx.proto.OnnxMl;
import com.crmscoring.shared.aggregates.OrderAggregator;
import com.crmscoring.shared.aggregates.ProfileBuilder;
import com.crmscoring.shared.domain.CustomerProfile;
import com.crmscoring.shared.domain.Order;
import com.crmscoring.shared.domain.OrderLine;
import com.crmscoring.shared.domain.Orders;
import com.crmscoring.shared.features.FeatureField;
import com.crmscoring.shared.features.FeatureSource;
import com.crmscoring.shared.features.FeatureSpec;
import com.crmscoring.shared.features.FeatureSpecFitter;
import com.crmscoring.shared.features.FeatureVectorizer;
import com.crmscoring.shared.features.NumericTransform;
import com.crmscoring.shared.features.ProfileFeatureSource;
import com.crmscoring.shared.model.ModelMetadata;
import com.crmscoring.shared.model.ServedModel;
import com.crmscoring.shared.offers.AssociationRule;
import com.crmscoring.shared.offers.FamilyAggregates;
import com.crmscoring.shared.offers.Offer;
import com.crmscoring.shared.offers.OfferCatalogue;
import com.crmscoring.shared.offers.OfferRanker;
import com.crmscoring.shared.retail.OnlineRetailReader;
import com.crmscoring.training.binary.BinaryTrainer;
import com.crmscoring.training.card.ModelCard;
import com.crmscoring.training.churn.ChurnDataset;
import com.crmscoring.training.eval.Candidate;
import com.crmscoring.training.export.ExportPipeline;
import com.crmscoring.training.export.ExportedModel;
import com.crmscoring.training.export.ModelExport;
import com.crmscoring.training.export.NaturalDomain;
import com.crmscoring.training.export.TribuoExport;
import com.crmscoring.training.export.UserDecision;
import com.crmscoring.training.publish.Fingerprint;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.common.xgboost.XGBoostTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Next best offer: which offer family a customer's next purchase is in, from a multi-class
 * propensity model (exported to ONNX) and from basket and sequence rules, ranked together by
 * {@link OfferRanker}. Judged out of time: everything is fitted on the history up to one horizon
 * before the last cut-off and evaluated on what customers bought after it, with hit rates at 1
 * and 3 against a popularity baseline.
 */
public final class NextBestOfferTraining {

    /** Model name, as scoring looks it up. */
    public static final String NAME = ServedModel.NEXT_BEST_OFFER.modelName();
    static final int SEQUENCE_DAYS = 60;
    static final double MIN_SUPPORT = 0.01;
    static final double MIN_CONFIDENCE = 0.2;
    private static final LabelFactory LABELS = new LabelFactory();

    /** One customer at a snapshot: profile and family history before it, what they bought in the horizon after. */
    record Customer(CustomerProfile profile, Map<String, Double> family, Set<String> takeUp, String label) implements FeatureSource {
        @Override
        public Object value(String attribute) {
            return attribute.startsWith("family") ? family.get(attribute) : new ProfileFeatureSource(profile).value(attribute);
        }
    }


    /** Hit rates of one ranking method on the out-of-time customers. */
    public record Evaluation(String method, double hitAt1, double hitAt3, int customers) {
    }

    /** The exported model with the evidence behind it. */
    public record Result(ExportedModel exported, List<Evaluation> evaluation, Map<String, Double> cvAccuracy) {

        public ModelMetadata metadata() {
            return exported.metadata();
        }
    }

    private final OfferCatalogue catalogue;
    private final int folds;
    private final long seed;
    private final Consumer<String> progress;

    public NextBestOfferTraining(OfferCatalogue catalogue, int folds, long seed, Consumer<String> progress) {
        this.catalogue = catalogue;
        this.folds = folds;
        this.seed = seed;
        this.progress = progress;
    }

    static List<Candidate<Label>> candidates() {
        return List.of(
                new Candidate<>("logistic-regression", "multinomial logistic regression, AdaGrad(lr=0.1), 10 epochs",
                        seed -> new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(0.1, 0.1), 10, Integer.MAX_VALUE, 1, seed)),
                new Candidate<>("xgboost", "gradient-boosted trees (XGBoost hist, softmax), 200 rounds, eta 0.05, depth 4,"
                        + " row and column subsample 0.8",
                        seed -> new XGBoostClassificationTrainer(XGBoostTrainer.BoosterType.GBTREE, XGBoostTrainer.TreeMethod.HIST,
                                200, 0.05, 0.0, 4, 1.0, 0.8, 0.8, 1.0, 0.0, 2, XGBoostTrainer.LoggingVerbosity.SILENT, seed)));
    }

    List<FeatureField> fields() {
        List<FeatureField> fields = new ArrayList<>(ChurnDataset.fields());
        for (Offer o : catalogue.offers()) {
            fields.add(FeatureField.numeric(o.shareAttribute(), NumericTransform.NONE));
            fields.add(FeatureField.numeric(o.daysSinceAttribute(), NumericTransform.SIGNED_LOG1P));
        }
        return fields;
    }

    public Result train(Path ordersFile) throws IOException {
        List<Order> orders = new OnlineRetailReader().read(ordersFile).orders();
        Map<String, List<Order>> byCustomer = Orders.byCustomer(orders);
        Instant end = ChurnDataset.observationEnd(orders);
        Instant cutoff = end.minus(ChurnDataset.HORIZON);
        Instant earlier = cutoff.minus(ChurnDataset.HORIZON);
        RuleMiner miner = new RuleMiner(catalogue, MIN_SUPPORT, MIN_CONFIDENCE);

        List<Customer> atCutoff = snapshot(byCustomer, cutoff, end);
        List<Customer> labelled = atCutoff.stream().filter(c -> c.label() != null).toList();
        progress.accept(String.format("next-best-offer: %d offers; %,d customers at %s, %,d of them bought an offer family"
                + " in the next %d days", catalogue.offers().size(), atCutoff.size(), cutoff, labelled.size(), ChurnDataset.HORIZON.toDays()));

        // Choose the family by cross-validated top-1 accuracy on the deployed snapshot.
        Map<String, Double> cvAccuracy = new LinkedHashMap<>();
        Candidate<Label> chosen = null;
        for (Candidate<Label> c : candidates()) {
            double accuracy = crossValidatedAccuracy(c, labelled);
            cvAccuracy.put(c.name(), accuracy);
            progress.accept(String.format(Locale.ROOT, "  %-22s cross-validated top-1 accuracy %.4f", c.name(), accuracy));
            if (chosen == null || accuracy > cvAccuracy.get(chosen.name())) {
                chosen = c;
            }
        }

        // Out of time: fit rules and model on the history before the cut-off, score what came after it.
        List<Customer> before = snapshot(byCustomer, earlier, cutoff).stream().filter(c -> c.label() != null).toList();
        Fitted past = fit(chosen, before);
        List<AssociationRule> pastRules = new ArrayList<>(miner.baskets(orders, cutoff));
        pastRules.addAll(miner.sequences(byCustomer, cutoff, SEQUENCE_DAYS));
        List<Evaluation> evaluation = evaluate(atCutoff, past, pastRules, popularity(byCustomer, cutoff));
        evaluation.forEach(e -> progress.accept(String.format(Locale.ROOT, "  out of time, %-20s hit@1 %.4f  hit@3 %.4f  (%,d customers)",
                e.method(), e.hitAt1(), e.hitAt3(), e.customers())));

        // Deployed: the model on the latest labelled snapshot, the rules on the whole history.
        Fitted deployed = fit(chosen, labelled);
        List<AssociationRule> rules = new ArrayList<>(miner.baskets(orders, end));
        rules.addAll(miner.sequences(byCustomer, end, SEQUENCE_DAYS));
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < deployed.model().getOutputIDInfo().size(); i++) {
            labels.add(deployed.model().getOutputIDInfo().getOutput(i).getLabel());
        }
        List<String> columns = deployed.vectorizer().columns();
        OnnxMl.ModelProto graph = TribuoExport.classifierGraph(deployed.model(), columns.size());
        String fingerprint = Fingerprint.of(ordersFile, "nbo;cutoff=" + cutoff + ";catalogue=" + catalogue.ids());
        Map<String, Double> metrics = new LinkedHashMap<>();
        cvAccuracy.forEach((k, v) -> metrics.put("cv.top1." + k, v));
        for (Evaluation e : evaluation) {
            metrics.put("outOfTime.hitAt1." + e.method(), e.hitAt1());
            metrics.put("outOfTime.hitAt3." + e.method(), e.hitAt3());
        }
        ModelMetadata metadata = ModelMetadata.builder(NAME, "multiclass-classification")
                .version(Fingerprint.version(fingerprint, chosen.description(), seed))
                .algorithm(chosen.description())
                .features(deployed.spec(), columns)
                .graph(graph.getGraph().getInput(0).getName(), graph.getGraph().getOutput(0).getName(), labels)
                .data(fingerprint, ordersFile.getFileName() + ": " + labelled.size() + " customers at " + cutoff
                        + "; label = the offer family of their largest spend in the next " + ChurnDataset.HORIZON.toDays() + " days")
                .metrics(metrics)
                .offers(catalogue, rules)
                .linear(TribuoExport.linearParameters(deployed.model(), columns.size(), false))
                .build();
        ExportedModel exported = new ExportPipeline().export(new ModelExport(metadata, graph, labelled, NaturalDomain.LOG_RATIO,
                TribuoExport.classifier(deployed.model(), deployed.spec(), columns, labelled, labels, null, NaturalDomain.LOG_RATIO),
                UserDecision.ranking("order of offers", labels, labels.size(), true),
                card(metadata, chosen.name(), cvAccuracy, evaluation, labelled.size())));
        return new Result(exported, evaluation, cvAccuracy);
    }

    private ModelCard.Content card(ModelMetadata m, String chosen, Map<String, Double> cvAccuracy, List<Evaluation> evaluation,
                                   int rows) {
        List<ModelCard.CandidateResult> candidates = cvAccuracy.entrySet().stream().map(e -> new ModelCard.CandidateResult(
                e.getKey(), candidates().stream().filter(c -> c.name().equals(e.getKey())).findFirst().orElseThrow().description(),
                Map.of("top1Accuracy", e.getValue()))).toList();
        List<List<String>> hits = evaluation.stream().map(e -> List.of(e.method(), String.format(Locale.ROOT, "%.4f", e.hitAt1()),
                String.format(Locale.ROOT, "%.4f", e.hitAt3()), String.format(Locale.ROOT, "%,d", e.customers()))).toList();
        List<List<String>> strongest = m.rules().stream().limit(12).map(a -> List.of(
                String.join(" + ", a.antecedent()) + " → " + a.consequent(),
                a.kind() + (a.withinDays() > 0 ? " (" + a.withinDays() + " days)" : ""),
                String.format(Locale.ROOT, "%.3f", a.support()), String.format(Locale.ROOT, "%.2f", a.confidence()),
                String.format(Locale.ROOT, "%.2f", a.lift()))).toList();
        return new ModelCard.Content("which offer family a customer buys next (multi-class propensity) plus basket and sequence"
                + " rules; offers " + String.join(", ", m.offers().ids()), rows, chosen,
                folds + "-fold cross-validated top-1 accuracy on the deployed snapshot; out of time: model and rules fitted on the"
                        + " history before the cut-off, rankings compared with the families each customer bought in the "
                        + ChurnDataset.HORIZON.toDays() + " days after it (offers bought in the last 30 days left out, as owned)",
                candidates, List.of(), List.of(
                        new ModelCard.Table("Out-of-time hit rates", List.of("ranking", "hit@1", "hit@3", "customers"), hits),
                        new ModelCard.Table(String.format(Locale.ROOT, "Strongest rules by lift (%d in all; minimum support %.2f,"
                                + " minimum confidence %.2f)", m.rules().size(), MIN_SUPPORT, MIN_CONFIDENCE),
                                List.of("rule", "kind", "support", "confidence", "lift"), strongest)),
                List.of(), seed, List.of(
                        "Offer families come from keywords in product descriptions (`offers/catalogue.json`); about a quarter"
                                + " (23 %) of the shop's lines belong to none.",
                        "The label is the family of the largest spend in the next 90 days: a model of what customers buy anyway,"
                                + " not of what an offer makes them buy (no campaign data to measure uplift)."));
    }

    /** Every customer who bought before {@code asOf}, with what they bought in {@code [asOf, windowEnd)}. */
    List<Customer> snapshot(Map<String, List<Order>> byCustomer, Instant asOf, Instant windowEnd) {
        ProfileBuilder builder = new ProfileBuilder(new OrderAggregator());
        List<Customer> out = new ArrayList<>();
        for (Map.Entry<String, List<Order>> e : byCustomer.entrySet()) {
            CustomerProfile profile = builder.build(e.getKey(), e.getValue(), asOf, false);
            if (profile.aggregates().isProspect()) {
                continue;
            }
            Map<String, Double> spend = new HashMap<>();
            for (Order o : e.getValue()) {
                if (!o.cancellation() && !o.orderedAt().isBefore(asOf) && o.orderedAt().isBefore(windowEnd)) {
                    for (OrderLine l : o.lines()) {
                        catalogue.familyOf(l.description()).ifPresent(f -> spend.merge(f.id(), l.amount(), Double::sum));
                    }
                }
            }
            String label = spend.entrySet().stream().max(Map.Entry.<String, Double>comparingByValue()
                    .thenComparing(Map.Entry.comparingByKey())).map(Map.Entry::getKey).orElse(null);
            out.add(new Customer(profile, FamilyAggregates.attributes(catalogue, e.getValue(), asOf),
                    new LinkedHashSet<>(spend.keySet()), label));
        }
        return out;
    }

    /** A model fitted on all given customers, with its feature specification and vectorizer. */
    record Fitted(FeatureSpec spec, Model<Label> model, FeatureVectorizer vectorizer) {
        /** Probabilities per offer id for each customer, predicted in one batch. */
        List<Map<String, Double>> probabilities(List<? extends FeatureSource> customers) {
            FeatureVectorizer all = new FeatureVectorizer(spec, spec.columns());
            String[] names = spec.columns().toArray(String[]::new);
            List<org.tribuo.Example<Label>> examples = new ArrayList<>(customers.size());
            for (FeatureSource c : customers) {
                examples.add(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, names, toDouble(all.vectorize(c))));
            }
            List<Map<String, Double>> out = new ArrayList<>(customers.size());
            for (Prediction<Label> p : model.predict(examples)) {
                Map<String, Double> m = new HashMap<>();
                p.getOutputScores().forEach((k, v) -> m.put(k, v.getScore()));
                out.add(m);
            }
            return out;
        }
    }

    private Fitted fit(Candidate<Label> candidate, List<Customer> customers) {
        FeatureSpec spec = new FeatureSpecFitter().fit(fields(), customers);
        MutableDataset<Label> data = new MutableDataset<>(new SimpleDataSourceProvenance("customers", LABELS), LABELS);
        FeatureVectorizer all = new FeatureVectorizer(spec, spec.columns());
        String[] names = spec.columns().toArray(String[]::new);
        for (Customer c : customers) {
            data.add(new ArrayExample<>(new Label(c.label()), names, toDouble(all.vectorize(c))));
        }
        Model<Label> model = candidate.trainer().apply(seed).train(data);
        return new Fitted(spec, model, new FeatureVectorizer(spec, BinaryTrainer.modelColumns(model)));
    }

    private double crossValidatedAccuracy(Candidate<Label> candidate, List<Customer> customers) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < customers.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        int hits = 0;
        for (int f = 0; f < folds; f++) {
            List<Customer> train = new ArrayList<>();
            List<Customer> test = new ArrayList<>();
            for (int i = 0; i < order.size(); i++) {
                (i % folds == f ? test : train).add(customers.get(order.get(i)));
            }
            Fitted fitted = fit(candidate, train);
            List<Map<String, Double>> probabilities = fitted.probabilities(test);
            for (int i = 0; i < test.size(); i++) {
                String top = probabilities.get(i).entrySet().stream().max(Map.Entry.comparingByValue())
                        .map(Map.Entry::getKey).orElse("");
                if (top.equals(test.get(i).label())) {
                    hits++;
                }
            }
        }
        return (double) hits / customers.size();
    }

    /** Share of customers who bought from each family before {@code asOf}: the popularity baseline. */
    private Map<String, Double> popularity(Map<String, List<Order>> byCustomer, Instant asOf) {
        Map<String, Double> counts = new HashMap<>();
        for (List<Order> history : byCustomer.values()) {
            Set<String> bought = new LinkedHashSet<>();
            for (Order o : history) {
                if (!o.cancellation() && o.orderedAt().isBefore(asOf)) {
                    o.lines().forEach(l -> catalogue.familyOf(l.description()).ifPresent(f -> bought.add(f.id())));
                }
            }
            bought.forEach(f -> counts.merge(f, 1.0, Double::sum));
        }
        counts.replaceAll((k, v) -> v / byCustomer.size());
        return counts;
    }

    /**
     * Hit rates out of time over every customer who bought an offer family after the cut-off,
     * those who had bought from every family lately included (they get replenishment offers; the
     * last two rows are them alone, by the served ranking and by popularity).
     */
    private List<Evaluation> evaluate(List<Customer> atCutoff, Fitted model, List<AssociationRule> rules, Map<String, Double> popular) {
        OfferRanker ranker = new OfferRanker(catalogue, rules);
        OfferRanker noRules = new OfferRanker(catalogue, List.of());
        String[] methods = {"popularity", "rules", "model", "blend-0.5"};
        int[][] hits = new int[methods.length + 2][2];
        int replenished = 0;
        List<Customer> bought = atCutoff.stream().filter(c -> !c.takeUp().isEmpty()).toList();
        List<Map<String, Double>> probabilities = model.probabilities(bought);
        int n = bought.size();
        for (int i = 0; i < n; i++) {
            Customer c = bought.get(i);
            Map<String, Double> p = probabilities.get(i);
            List<List<OfferRanker.RankedOffer>> rankings = List.of(
                    noRules.rank(c, popular, 1.0), ranker.rank(c, popular, 0.01), ranker.rank(c, p, OfferRanker.MODEL_WEIGHT),
                    ranker.rank(c, p, 0.5));
            for (int m = 0; m < methods.length; m++) {
                count(hits[m], rankings.get(m), c.takeUp());
            }
            if (!rankings.get(2).isEmpty() && rankings.get(2).get(0).replenishment()) {
                replenished++;
                count(hits[methods.length], rankings.get(2), c.takeUp());
                count(hits[methods.length + 1], rankings.get(0), c.takeUp());
            }
        }
        List<Evaluation> out = new ArrayList<>();
        for (int m = 0; m < methods.length; m++) {
            out.add(new Evaluation(methods[m], (double) hits[m][0] / n, (double) hits[m][1] / n, n));
        }
        int r = Math.max(1, replenished);
        out.add(new Evaluation("replenishment.model", (double) hits[methods.length][0] / r, (double) hits[methods.length][1] / r,
                replenished));
        out.add(new Evaluation("replenishment.popularity", (double) hits[methods.length + 1][0] / r,
                (double) hits[methods.length + 1][1] / r, replenished));
        return out;
    }

    private static void count(int[] hits, List<OfferRanker.RankedOffer> ranked, Set<String> takeUp) {
        if (!ranked.isEmpty() && takeUp.contains(ranked.get(0).offerId())) {
            hits[0]++;
        }
        if (ranked.stream().limit(3).anyMatch(o -> takeUp.contains(o.offerId()))) {
            hits[1]++;
        }
    }

    private static double[] toDouble(float[] v) {
        double[] out = new double[v.length];
        for (int j = 0; j < v.length; j++) {
            out[j] = v[j];
        }
        return out;
    }
}
