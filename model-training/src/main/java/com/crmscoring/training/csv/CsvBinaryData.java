package com.crmscoring.training.csv;

import com.crmscoring.shared.features.FeatureField;
import com.crmscoring.shared.features.FeatureSource;
import com.crmscoring.training.binary.BinaryDataset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Turns a user's CSV, a target column and its positive value into a {@link BinaryDataset}. */
public final class CsvBinaryData {

    /**
     * The dataset and the decisions behind it.
     *
     * @param targetNotes what was done to the target's values, for the card (empty when nothing)
     */
    public record Prepared(BinaryDataset dataset, List<ColumnInference.Decision> decisions, List<String> targetNotes) {
    }

    private CsvBinaryData() {
    }

    /**
     * @param fingerprint SHA-256 of the file and the options
     * @throws IllegalArgumentException naming the problem: unknown target, absent positive value,
     *                                  a blank target, no usable column
     */
    public static Prepared prepare(CsvTable table, String target, String positiveValue, Set<String> exclude, Set<String> include,
                                   String fingerprint) {
        int t = table.column(target);
        if (t < 0) {
            throw new IllegalArgumentException("target column '" + target + "' is not in " + table.file()
                    + "; its columns are " + table.header());
        }
        for (String e : exclude) {
            if (table.column(e) < 0) {
                throw new IllegalArgumentException("--exclude names column '" + e + "', which is not in the file");
            }
        }
        for (String e : include) {
            if (table.column(e) < 0) {
                throw new IllegalArgumentException("--include names column '" + e + "', which is not in the file");
            }
        }
        // Values that differ only in case or surrounding spaces are one value: files joined from two
        // exports spell TRUE and True. Anything more different is refused, never guessed.
        Map<String, Map<String, Integer>> spellings = new TreeMap<>();
        String[] normalised = new String[table.rows().size()];
        for (int i = 0; i < normalised.length; i++) {
            String raw = table.rows().get(i)[t];
            if (raw.isBlank()) {
                throw new IllegalArgumentException("data row " + (i + 1) + " has no value in target column '" + target + "'");
            }
            normalised[i] = normalise(raw);
            spellings.computeIfAbsent(normalised[i], k -> new TreeMap<>()).merge(raw, 1, Integer::sum);
        }
        if (spellings.size() > 2) {
            StringBuilder counts = new StringBuilder();
            spellings.values().stream().limit(20).forEach(m -> m.forEach((v, n) -> counts.append(counts.isEmpty() ? "" : ", ")
                    .append('\'').append(v).append("' ").append(n)));
            throw new IllegalArgumentException("target column '" + target + "' must hold two values, but holds " + spellings.size()
                    + (spellings.size() > 20 ? " (the first 20 shown)" : "") + ": " + counts
                    + "; map them to two values first, or choose another column");
        }
        String wanted = normalise(positiveValue);
        if (!spellings.containsKey(wanted)) {
            throw new IllegalArgumentException("positive value '" + positiveValue + "' never occurs in column '" + target
                    + "', even ignoring case and spaces; it holds " + spellings.values().stream().map(Map::keySet).toList());
        }
        if (spellings.size() == 1) {
            throw new IllegalArgumentException("target column '" + target + "' has a single class ('" + positiveValue
                    + "' in every row): there is nothing to learn");
        }
        List<String> targetNotes = new ArrayList<>();
        spellings.forEach((value, forms) -> {
            if (forms.size() > 1) {
                targetNotes.add("target " + target + ": " + forms + " differ only in case or spaces and were read as one value");
            }
        });
        boolean[] positive = new boolean[normalised.length];
        for (int i = 0; i < normalised.length; i++) {
            positive[i] = normalised[i].equals(wanted);
        }
        List<ColumnInference.Decision> decisions = ColumnInference.infer(table, target, exclude, include);
        List<FeatureField> fields = new ArrayList<>();
        for (ColumnInference.Decision d : decisions) {
            if (d.field() != null) {
                fields.add(d.field());
            }
        }
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("no usable feature column in " + table.file());
        }
        Map<String, Integer> index = new HashMap<>();
        for (int c = 0; c < table.header().size(); c++) {
            index.put(table.header().get(c), c);
        }
        List<FeatureSource> rows = new ArrayList<>(table.rows().size());
        for (String[] row : table.rows()) {
            rows.add(attribute -> {
                Integer c = index.get(attribute);
                return c == null || row[c].isBlank() ? null : row[c];
            });
        }
        String trainedOn = table.file().getFileName() + ": " + rows.size() + " rows, target " + target + " = " + positiveValue;
        return new Prepared(new BinaryDataset(rows, positive, fields, trainedOn, fingerprint), decisions, targetNotes);
    }

    private static String normalise(String value) {
        return value.strip().toLowerCase(java.util.Locale.ROOT);
    }
}
