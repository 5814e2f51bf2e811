package com.crmscoring.training.csv;

import com.crmscoring.shared.features.FeatureField;
import com.crmscoring.shared.features.NumericTransform;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Infers what each column of a user's CSV is: a number, a category, an identifier to leave out.
 * The rules are simple on purpose, and every decision is reported so that a person can check it.
 */
public final class ColumnInference {

    /** Categories with more distinct values than this share of rows are free text or ids. */
    private static final double MAX_CATEGORY_SHARE = 0.5;

    /** A level needs this many rows for a column of its own. */
    private static final int MIN_LEVEL_COUNT = 10;

    /** What was decided for one column. */
    public record Decision(String column, String kind, String reason, FeatureField field) {
    }

    private ColumnInference() {
    }

    /**
     * @param exclude columns the user asked to leave out (for example one known only after the fact)
     * @throws IllegalArgumentException when a used column is empty in every row
     */
    public static List<Decision> infer(CsvTable table, String target, Set<String> exclude) {
        List<Decision> decisions = new ArrayList<>();
        for (int c = 0; c < table.header().size(); c++) {
            String name = table.header().get(c);
            if (name.equals(target)) {
                continue;
            }
            if (exclude.contains(name)) {
                decisions.add(new Decision(name, "excluded", "excluded on request", null));
                continue;
            }
            decisions.add(decide(table, c, name));
        }
        return decisions;
    }

    private static Decision decide(CsvTable table, int c, String name) {
        Set<String> distinct = new HashSet<>();
        int present = 0;
        boolean numeric = true;
        boolean integral = true;
        for (String[] row : table.rows()) {
            String v = row[c].trim();
            if (v.isEmpty()) {
                continue;
            }
            present++;
            distinct.add(v);
            if (numeric) {
                try {
                    double d = Double.parseDouble(v);
                    numeric = Double.isFinite(d);
                    integral &= d == Math.rint(d);
                } catch (NumberFormatException e) {
                    numeric = false;
                }
            }
        }
        if (present == 0) {
            throw new IllegalArgumentException("column '" + name + "' is empty in every row; leave it out with --exclude "
                    + (name.isEmpty() ? "\"\"" : name));
        }
        int missing = table.rows().size() - present;
        boolean unique = distinct.size() == present;
        String lower = name.toLowerCase(Locale.ROOT);
        boolean idName = lower.isEmpty() || lower.equals("id") || lower.endsWith("id") || lower.endsWith("_id")
                || lower.equals("index");
        if (unique && (idName || !numeric || integral)) {
            return new Decision(name, "identifier", "a different value in every row", null);
        }
        String stats = distinct.size() + " distinct, " + missing + " missing";
        if (numeric) {
            return new Decision(name, "numeric", stats, FeatureField.numeric(name, NumericTransform.NONE));
        }
        if (distinct.size() > MAX_CATEGORY_SHARE * present) {
            return new Decision(name, "excluded", "text with " + distinct.size() + " distinct values: too many for categories", null);
        }
        return new Decision(name, "categorical", stats, FeatureField.categorical(name, MIN_LEVEL_COUNT));
    }
}
