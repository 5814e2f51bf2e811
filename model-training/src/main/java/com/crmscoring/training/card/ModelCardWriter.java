package com.crmscoring.training.card;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.Locale;
import java.util.Map;

/** Renders a {@link ModelCard} as JSON (for machines) and Markdown (for people). */
public final class ModelCardWriter {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    public String json(ModelCard card) {
        try {
            return JSON.writeValueAsString(card) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("model card cannot be written as JSON", e);
        }
    }

    public String markdown(ModelCard c) {
        StringBuilder md = new StringBuilder();
        md.append("# Model card: ").append(c.name()).append(" ").append(c.version()).append("\n\n");
        md.append("| | |\n|---|---|\n");
        row(md, "Task", c.task());
        row(md, "Target", c.target());
        row(md, "Trained on", c.trainedOn());
        row(md, "Rows", c.rows() + " (" + c.positives() + " positive, " + pct((double) c.positives() / c.rows()) + ")");
        row(md, "Chosen model", c.chosen());
        row(md, "Input columns", Integer.toString(c.inputWidth()) + " from " + c.features().size() + " attributes");
        row(md, "Evaluation", c.evaluation());
        row(md, "Seed", Long.toString(c.seed()));
        row(md, "Data fingerprint", "`" + c.dataFingerprint() + "`");
        md.append("\n## Candidates (cross-validated)\n\n");
        md.append("| candidate | ROC AUC | average precision | lift in top 10% | hyper-parameters |\n|---|---|---|---|---|\n");
        for (ModelCard.CandidateResult r : c.candidates()) {
            md.append("| ").append(r.name().equals(c.chosen()) ? "**" + r.name() + "**" : r.name())
                    .append(" | ").append(f(r.rocAuc())).append(" ± ").append(f(r.rocAucStd()))
                    .append(" | ").append(f(r.averagePrecision())).append(" ± ").append(f(r.averagePrecisionStd()))
                    .append(" | ").append(String.format(Locale.ROOT, "%.2f", r.liftAt10()))
                    .append(" | ").append(r.description()).append(" |\n");
        }
        if (!c.references().isEmpty()) {
            md.append("\n## Against published results\n\n| data set | metric | ours | published | source |\n|---|---|---|---|---|\n");
            for (ModelCard.Reference r : c.references()) {
                md.append("| ").append(r.dataset()).append(" | ").append(r.metric()).append(" | ").append(f(r.ours()))
                        .append(" | ").append(r.published()).append(" | ").append(r.source()).append(" |\n");
            }
        }
        table(md, "Further measurements", c.extra());
        table(md, "Thresholds on the score", c.thresholds());
        md.append("\n## Features\n\n").append(String.join(", ", c.features())).append("\n");
        if (!c.limitations().isEmpty()) {
            md.append("\n## Limitations\n\n");
            for (String l : c.limitations()) {
                md.append("- ").append(l).append("\n");
            }
        }
        return md.toString();
    }

    private static void table(StringBuilder md, String title, Map<String, Double> values) {
        if (values.isEmpty()) {
            return;
        }
        md.append("\n## ").append(title).append("\n\n| | |\n|---|---|\n");
        values.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> row(md, e.getKey(), number(e.getValue())));
    }

    private static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) >= 1) {
            return String.format(Locale.ROOT, "%,d", (long) v);
        }
        return v != 0 && Math.abs(v) < 1e-3 ? String.format(Locale.ROOT, "%.2e", v) : f(v);
    }

    private static void row(StringBuilder md, String key, String value) {
        md.append("| ").append(key).append(" | ").append(value.replace("|", "\\|")).append(" |\n");
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f %%", 100 * v);
    }
}
