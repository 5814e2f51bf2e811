package com.crmscoring.training.report;

import com.crmscoring.shared.model.SegmentDescription;
import com.crmscoring.training.binary.BinaryPipeline;
import com.crmscoring.training.card.ModelCard;
import com.crmscoring.training.clv.LifetimeValueTraining;
import com.crmscoring.training.fraud.OrderAnomalyTraining;
import com.crmscoring.training.nbo.NextBestOfferTraining;
import com.crmscoring.training.segment.SegmentTraining;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Turns each training result into its section of the {@link TrainingReport}. */
public final class ReportSections {

    private ReportSections() {
    }

    public static void binary(TrainingReport report, BinaryPipeline.Outcome outcome) {
        ModelCard card = outcome.exported().card();
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("target", card.target());
        facts.put("trained on", card.trainedOn());
        facts.put("rows", String.format(Locale.ROOT, "%,d (%,d positive)", card.rows(), outcome.trained().data().positives()));
        facts.put("chosen", card.chosen());
        facts.put("evaluation", card.evaluation() + "; curves below are out-of-fold");
        card.references().forEach(r -> facts.put("published: " + r.dataset(), String.format(Locale.ROOT, "ours %.4f; %s (%s)",
                r.ours(), r.published(), r.metric())));
        card.metrics().entrySet().stream().filter(e -> e.getKey().startsWith("outOfTime."))
                .forEach(e -> facts.put(e.getKey(), String.format(Locale.ROOT, "%.4f", e.getValue())));
        facts.put("parity", String.format(Locale.ROOT, "margin %.4f of the float32 tolerance (%s)", card.parity().margin(),
                card.parity().domain()));
        List<String[]> table = new ArrayList<>();
        table.add(new String[] {"candidate", "ROC AUC", "average precision", "lift in top 10 %", "hyper-parameters"});
        for (ModelCard.CandidateResult c : card.candidates()) {
            Map<String, Double> m = c.metrics();
            table.add(new String[] {c.name(), String.format(Locale.ROOT, "%.4f ± %.4f", m.get("rocAuc"), m.get("rocAucStd")),
                    String.format(Locale.ROOT, "%.4f ± %.4f", m.get("averagePrecision"), m.get("averagePrecisionStd")),
                    String.format(Locale.ROOT, "%.2f", m.get("liftAt10")), c.description()});
        }
        report.addBinaryModel(card.name(), card.version(), facts, table, outcome.trained().data().positive(),
                outcome.trained().outOfFoldScores());
    }

    public static void segments(TrainingReport report, SegmentTraining.Result r) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("algorithm", r.metadata().algorithm());
        facts.put("trained on", r.metadata().trainedOn());
        facts.put("life-cycle stages", r.stages().toString());
        facts.put("life-cycle thresholds", r.metadata().lifecycle().toString());
        List<String[]> segments = new ArrayList<>();
        segments.add(new String[] {"id", "name", "customers", "share", "median recency", "median orders", "median spend",
                "what sets it apart"});
        List<String> names = new ArrayList<>();
        int[] sizes = new int[r.metadata().segments().size()];
        for (SegmentDescription s : r.metadata().segments()) {
            segments.add(new String[] {Integer.toString(s.id()), s.name(), Integer.toString(s.size()),
                    String.format(Locale.ROOT, "%.1f %%", 100 * s.share()), fmt(s.medians().get("recencyDays")),
                    fmt(s.medians().get("ordersTotal")), fmt(s.medians().get("spendTotal")), String.join("; ", s.distinguishing())});
            names.add(s.name());
            sizes[s.id()] = s.size();
        }
        List<String[]> k = new ArrayList<>();
        k.add(new String[] {"k", "inertia", "mean silhouette"});
        for (SegmentTraining.KChoice c : r.choices()) {
            k.add(new String[] {Integer.toString(c.k()), String.format(Locale.ROOT, "%.1f", c.inertia()),
                    String.format(Locale.ROOT, "%.4f", c.silhouette())});
        }
        report.addSegments(r.metadata().name(), r.metadata().version(), facts, segments, names, sizes, k);
    }

    public static void lifetimeValue(TrainingReport report, LifetimeValueTraining.Result r) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("algorithm", r.metadata().algorithm());
        facts.put("trained on", r.metadata().trainedOn());
        facts.put("evaluation", "out of time: fitted on the histories before the cut-off, judged on the 90 days after;"
                + " the trained models' predictions are out of fold (5-fold cross-validation); the charts show the chosen model");
        facts.put("choice", LifetimeValueTraining.CHOICE_RULE);
        facts.put(r.customerBase().purchases().model().variant() + " (weeks, kept)",
                LifetimeValueTraining.parameters(r.customerBase().purchases().fit())
                        + String.format(Locale.ROOT, "; P(alive) ROC AUC %.4f", r.customerBase().aliveAuc()));
        facts.put(r.customerBase().alternative().model().variant() + " (weeks)",
                LifetimeValueTraining.parameters(r.customerBase().alternative().fit())
                        + String.format(Locale.ROOT, "; P(alive) ROC AUC %.4f", r.customerBase().alternativeAliveAuc()));
        facts.put("variant rule", LifetimeValueTraining.VARIANT_RULE);
        facts.put("Gamma-Gamma", LifetimeValueTraining.parameters(r.customerBase().spend().fit()));
        List<String[]> table = new ArrayList<>();
        table.add(new String[] {"forecast", "MAE", "RMSE", "R²", "Spearman", "top-10 % share of spend"});
        table.add(row(r.baseline()));
        r.candidates().forEach(e -> table.add(row(e)));
        report.addRegression(r.metadata().name(), r.metadata().version(), facts, table, r.actual(), r.outOfFold());
    }

    public static void fraudAnomaly(TrainingReport report, OrderAnomalyTraining.Result r) {
        report.addText(r.metadata().name() + " " + r.metadata().version(), String.format(Locale.ROOT,
                "%s. %,d purchase orders, %d support vectors. Review above %.4f (2 %% of orders), decline above %.4f (0.5 %%)."
                        + " On the %,d orders the SVM did not train on, %.2f %% cross the review threshold. Recall at review on"
                        + " real orders made suspicious (synthetic, as the shop has no fraud labels): %s.",
                r.metadata().algorithm(), r.orders(), r.supportVectors(), r.metadata().thresholds().get("anomaly.review"),
                r.metadata().thresholds().get("anomaly.decline"), r.orders() - r.trainedOn(), 100 * r.heldOutReviewRate(),
                r.syntheticRecall()));
    }

    public static void nextBestOffer(TrainingReport report, NextBestOfferTraining.Result r) {
        StringBuilder text = new StringBuilder(r.metadata().algorithm()).append(". Out-of-time hit rates (hit@1 / hit@3): ");
        r.evaluation().forEach(e -> text.append(String.format(Locale.ROOT, "%s %.3f / %.3f; ", e.method(), e.hitAt1(), e.hitAt3())));
        text.append(String.format(Locale.ROOT, "%d rules mined; cross-validated top-1 accuracy %s.", r.metadata().rules().size(),
                r.cvAccuracy()));
        report.addText(r.metadata().name() + " " + r.metadata().version(), text.toString());
    }

    private static String[] row(LifetimeValueTraining.Errors e) {
        return new String[] {e.name(), String.format(Locale.ROOT, "%.2f", e.mae()), String.format(Locale.ROOT, "%.2f", e.rmse()),
                String.format(Locale.ROOT, "%.4f", e.r2()), String.format(Locale.ROOT, "%.3f", e.spearman()),
                String.format(Locale.ROOT, "%.1f %%", 100 * e.top10Share())};
    }

    private static String fmt(Double v) {
        return v == null ? "" : String.format(Locale.ROOT, "%.0f", v);
    }
}
