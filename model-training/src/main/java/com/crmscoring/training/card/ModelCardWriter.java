package com.crmscoring.training.card;

import com.crmscoring.shared.model.ParityTolerance;
import com.crmscoring.training.export.ParityResult;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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
        row(md, "Rows", String.format(Locale.ROOT, "%,d", c.rows()));
        row(md, "Algorithm", c.algorithm());
        row(md, "Chosen", c.chosen());
        row(md, "Input columns", c.inputWidth() + " from " + c.features().size() + " attributes");
        row(md, "Evaluation", c.evaluation());
        row(md, "Seed", Long.toString(c.seed()));
        row(md, "Data fingerprint", "`" + c.dataFingerprint() + "`");
        if (!c.candidates().isEmpty()) {
            Set<String> metrics = new LinkedHashSet<>();
            c.candidates().forEach(r -> metrics.addAll(r.metrics().keySet()));
            List<String> header = new ArrayList<>(List.of("candidate"));
            header.addAll(metrics);
            header.add("hyper-parameters");
            List<List<String>> rows = new ArrayList<>();
            for (ModelCard.CandidateResult r : c.candidates()) {
                List<String> cells = new ArrayList<>();
                cells.add(r.name().equals(c.chosen()) ? "**" + r.name() + "**" : r.name());
                metrics.forEach(m -> cells.add(r.metrics().containsKey(m) ? number(r.metrics().get(m)) : ""));
                cells.add(r.description());
                rows.add(cells);
            }
            table(md, new ModelCard.Table("Candidates", header, rows));
        }
        if (!c.references().isEmpty()) {
            List<List<String>> rows = c.references().stream()
                    .map(r -> List.of(r.dataset(), r.metric(), f(r.ours()), r.published(), r.source())).toList();
            table(md, new ModelCard.Table("Against published results",
                    List.of("data set", "metric", "ours", "published", "source"), rows));
        }
        values(md, "Measured", c.metrics());
        values(md, "Thresholds on the score", c.thresholds());
        c.tables().forEach(t -> table(md, t));
        parity(md, c.parity());
        if (!c.dataDecisions().isEmpty()) {
            md.append("\n## What was inferred from the data\n\n");
            c.dataDecisions().forEach(d -> md.append("- ").append(d).append("\n"));
        }
        md.append("\n## Features\n\n").append(String.join(", ", c.features())).append("\n");
        if (!c.limitations().isEmpty()) {
            md.append("\n## Limitations\n\n");
            c.limitations().forEach(l -> md.append("- ").append(l).append("\n"));
        }
        return md.toString();
    }

    private static void parity(StringBuilder md, ParityResult p) {
        md.append("\n## Parity: ONNX Runtime against ").append(p.reference()).append("\n\n| | |\n|---|---|\n");
        row(md, "Rows scored by both", String.format(Locale.ROOT, "%,d", p.rows()));
        row(md, "Compared as", p.domain());
        row(md, "Largest difference", String.format(Locale.ROOT, "%.3e", p.maxDifference()));
        row(md, "Median tolerance", String.format(Locale.ROOT, "%.3e", p.medianTolerance()));
        row(md, "Margin (largest difference / its tolerance; must stay ≤ 1)", String.format(Locale.ROOT, "%.4f", p.margin()));
        if (p.decision() != null) {
            row(md, "Same " + p.decision(), String.format(Locale.ROOT, "%,d of %,d rows (%,d within float32 rounding of a boundary,"
                    + " not compared)", p.decisionsCompared() - p.decisionMismatches(), p.decisionsCompared(), p.borderline()));
        }
        md.append("\nThe tolerance of each value is the worst-case float32 rounding error of the arithmetic that produced it"
                + " (unit roundoff ").append(String.format(Locale.ROOT, "%.3e", ParityTolerance.U))
                .append(", the row's sum of absolute terms, the number of terms): see `ParityTolerance`.\n");
    }

    private static void values(StringBuilder md, String title, Map<String, Double> values) {
        if (values.isEmpty()) {
            return;
        }
        md.append("\n## ").append(title).append("\n\n| | |\n|---|---|\n");
        values.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> row(md, e.getKey(), number(e.getValue())));
    }

    private static void table(StringBuilder md, ModelCard.Table t) {
        md.append("\n## ").append(t.title()).append("\n\n");
        md.append("| ").append(String.join(" | ", t.header())).append(" |\n");
        md.append("|").append("---|".repeat(t.header().size())).append("\n");
        for (List<String> r : t.rows()) {
            md.append("| ").append(String.join(" | ", r.stream().map(v -> v.replace("|", "\\|")).toList())).append(" |\n");
        }
    }

    /** A figure as a card shows it: whole numbers with separators, small ones in scientific notation. */
    public static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) >= 1) {
            return String.format(Locale.ROOT, "%,d", (long) v);
        }
        return v != 0 && Math.abs(v) < 1e-3 ? String.format(Locale.ROOT, "%.2e", v) : f(v);
    }

    private static void row(StringBuilder md, String key, String value) {
        md.append("| ").append(key).append(" | ").append(value == null ? "" : value.replace("|", "\\|")).append(" |\n");
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
