package com.crmscoring.functions.score;

import com.crmscoring.functions.model.OnnxModel;
import com.crmscoring.shared.features.FeatureSource;
import com.crmscoring.shared.features.FeatureVectorizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Scores one row and explains it in the same ONNX run: row 0 is the customer, row g is the
 * customer with attribute g set to a typical customer's value (the training mean or most common
 * level). The difference in log-odds is what that attribute contributes. It works for any model
 * family; for a logistic regression it equals {@code w_j * (x_j - baseline_j)} exactly. Log-odds
 * rather than probability, because near 0 or 1 every probability difference shrinks to nothing
 * and the ranking would say nothing.
 */
public final class ScoreExplainer {

    /** A probability with its strongest reasons and the attributes that were defaulted. */
    public record Explained(double probability, List<Reason> reasons, List<String> defaulted) {
    }

    private final OnnxModel model;

    public ScoreExplainer(OnnxModel model) {
        this.model = model;
    }

    public Explained explain(FeatureSource source, int topReasons) {
        FeatureVectorizer vectorizer = model.vectorizer();
        List<FeatureVectorizer.FeatureGroup> groups = vectorizer.groups();
        int width = vectorizer.width();
        int rows = groups.size() + 1;
        float[] batch = new float[rows * width];
        List<String> defaulted = vectorizer.encodeInto(source, batch, 0);
        for (int g = 0; g < groups.size(); g++) {
            System.arraycopy(batch, 0, batch, (g + 1) * width, width);
            groups.get(g).resetToBaseline(batch, (g + 1) * width);
        }
        float[] p = model.positiveProbabilities(batch, rows);

        List<Reason> reasons = new ArrayList<>(groups.size());
        for (int g = 0; g < groups.size(); g++) {
            double impact = logOdds(p[0]) - logOdds(p[g + 1]);
            if (impact != 0) {
                String name = groups.get(g).definition().name();
                reasons.add(new Reason(name, display(source.value(name), defaulted.contains(name)),
                        impact > 0 ? "raises" : "lowers", round(impact)));
            }
        }
        reasons.sort(Comparator.comparingDouble((Reason r) -> -Math.abs(r.impact())).thenComparing(Reason::feature));
        return new Explained(p[0], List.copyOf(reasons.subList(0, Math.min(topReasons, reasons.size()))), defaulted);
    }

    private static String display(Object raw, boolean defaulted) {
        if (defaulted || raw == null) {
            return "missing (default used)";
        }
        if (raw instanceof Double d) {
            return d == Math.rint(d) ? Long.toString(d.longValue()) : String.format(Locale.ROOT, "%.2f", d);
        }
        return raw.toString();
    }

    private static double logOdds(double p) {
        double q = Math.min(1 - 1e-7, Math.max(1e-7, p));
        return Math.log(q / (1 - q));
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
