package com.crmscoring.scoring.score;

import com.crmscoring.shared.features.FeatureSource;
import com.crmscoring.shared.features.FeatureVectorizer;
import com.crmscoring.shared.model.OnnxModel;
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

    /** The scale on which attribute contributions are measured. */
    public enum Scale {
        /** For probabilities: log-odds, additive for logistic models and not squashed near 0 or 1. */
        LOG_ODDS,
        /** For amounts and anomaly scores: the score's own units. */
        IDENTITY
    }

    private final OnnxModel model;
    private final Scale scale;

    public ScoreExplainer(OnnxModel model, Scale scale) {
        this.model = model;
        this.scale = scale;
    }

    public Explained explain(FeatureSource source, int topReasons) {
        return explainAll(List.of(source), topReasons).get(0);
    }

    /**
     * Scores and explains every source in one ONNX run: per source, its own row followed by one
     * row per attribute reset to the typical customer's value.
     */
    public List<Explained> explainAll(List<? extends FeatureSource> sources, int topReasons) {
        FeatureVectorizer vectorizer = model.vectorizer();
        List<FeatureVectorizer.FeatureGroup> groups = vectorizer.groups();
        int width = vectorizer.width();
        int perSource = groups.size() + 1;
        float[] batch = new float[sources.size() * perSource * width];
        List<List<String>> defaulted = new ArrayList<>(sources.size());
        for (int s = 0; s < sources.size(); s++) {
            int base = s * perSource * width;
            defaulted.add(vectorizer.encodeInto(sources.get(s), batch, base));
            for (int g = 0; g < groups.size(); g++) {
                int offset = base + (g + 1) * width;
                System.arraycopy(batch, base, batch, offset, width);
                groups.get(g).resetToBaseline(batch, offset);
            }
        }
        float[] p = model.scores(batch, sources.size() * perSource);

        List<Explained> out = new ArrayList<>(sources.size());
        for (int s = 0; s < sources.size(); s++) {
            int base = s * perSource;
            List<Reason> reasons = new ArrayList<>(groups.size());
            for (int g = 0; g < groups.size(); g++) {
                double own = p[base];
                double typical = p[base + g + 1];
                double impact = scale == Scale.LOG_ODDS ? logOdds(own) - logOdds(typical) : own - typical;
                if (impact != 0) {
                    String name = groups.get(g).definition().name();
                    reasons.add(new Reason(name, display(sources.get(s).value(name), defaulted.get(s).contains(name)),
                            impact > 0 ? "raises" : "lowers", round(impact)));
                }
            }
            reasons.sort(Comparator.comparingDouble((Reason r) -> -Math.abs(r.impact())).thenComparing(Reason::feature));
            out.add(new Explained(p[base], List.copyOf(reasons.subList(0, Math.min(topReasons, reasons.size()))),
                    List.copyOf(defaulted.get(s))));
        }
        return out;
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
