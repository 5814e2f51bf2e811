package com.crmscoring.training.segment;

import com.crmscoring.shared.lifecycle.LifecycleRules;
import com.crmscoring.shared.lifecycle.LifecycleStage;
import com.crmscoring.shared.model.SegmentDescription;
import java.util.Locale;
import java.util.Map;

/** The segment model's card as a readable page; the JSON card is the model metadata itself. */
final class SegmentCard {

    private SegmentCard() {
    }

    static String markdown(SegmentTraining.Result r) {
        StringBuilder md = new StringBuilder();
        var m = r.metadata();
        md.append("# Model card: ").append(m.name()).append(' ').append(m.version()).append("\n\n");
        md.append("| | |\n|---|---|\n");
        md.append("| Task | customer segmentation (clustering) |\n");
        md.append("| Algorithm | ").append(m.algorithm()).append(" |\n");
        md.append("| Trained on | ").append(m.trainedOn()).append(" |\n");
        md.append("| Customers | ").append(r.customers()).append(" (").append(r.prospects()).append(" without a purchase left out) |\n");
        md.append("| Features | ").append(String.join(", ", m.inputColumns())).append(", standardised (log scale for counts and money) |\n");
        md.append(String.format(Locale.ROOT, "| Parity | cluster of every customer identical in Tribuo and ONNX Runtime;"
                + " largest squared-distance difference %.2e |%n", r.maxDistanceDifference()));
        md.append("| Data fingerprint | `").append(m.dataFingerprint()).append("` |\n");
        md.append("\n## Choice of k (mean silhouette on a seeded sample of ").append(SegmentTraining.SILHOUETTE_SAMPLE)
                .append(" customers; higher is better)\n\n| k | inertia | silhouette |\n|---|---|---|\n");
        for (SegmentTraining.KChoice c : r.choices()) {
            md.append(String.format(Locale.ROOT, "| %s | %.1f | %.4f |%n",
                    c.k() == m.metrics().get("k").intValue() ? "**" + c.k() + "**" : Integer.toString(c.k()), c.inertia(), c.silhouette()));
        }
        md.append("\n## Segments\n\n| id | name | customers | share | median recency (days) | median orders | median spend | what sets it apart |\n|---|---|---|---|---|---|---|---|\n");
        for (SegmentDescription s : m.segments()) {
            Map<String, Double> med = s.medians();
            md.append(String.format(Locale.ROOT, "| %d | %s | %d | %.1f %% | %.0f | %.0f | %.0f | %s |%n", s.id(), s.name(), s.size(),
                    100 * s.share(), med.get("recencyDays"), med.get("ordersTotal"), med.get("spendTotal"),
                    String.join("; ", s.distinguishing())));
        }
        LifecycleRules l = m.lifecycle();
        md.append("\n## Life-cycle stages\n\nRules, in order (thresholds are quantiles of these customers):\n\n");
        md.append("1. no purchase yet: ACQUISITION\n");
        md.append(String.format(Locale.ROOT, "2. recency >= %.0f days (75th percentile): TERMINATION%n", l.terminationRecencyDays()));
        md.append(String.format(Locale.ROOT, "3. recency >= %.0f days (median) or 90-day spend trend <= %.2f (25th percentile): RECESSION%n",
                l.recessionRecencyDays(), l.recessionTrend()));
        md.append(String.format(Locale.ROOT, "4. tenure <= %.0f days (25th percentile) or spend trend >= %.2f (75th percentile): GROWTH%n",
                l.growthTenureDays(), l.growthTrend()));
        md.append("5. otherwise: MATURITY\n\n| stage | customers |\n|---|---|\n");
        for (LifecycleStage stage : LifecycleStage.values()) {
            md.append("| ").append(stage).append(" | ").append(r.stages().getOrDefault(stage, 0)).append(" |\n");
        }
        md.append("\n## Limitations\n\n- Segments describe one year of one shop; refit when the customer base changes.\n"
                + "- Names come from fixed rules on the centroids (see `SegmentNamer`); read the medians before acting on a name.\n"
                + "- Silhouette favours few, well-separated clusters; k below 3 was not considered actionable.\n");
        return md.toString();
    }
}
