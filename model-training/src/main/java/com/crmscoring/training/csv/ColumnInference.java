package com.crmscoring.training.csv;

import com.crmscoring.shared.features.FeatureField;
import com.crmscoring.shared.features.NumericTransform;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Infers what each column of a user's CSV is: a number, a category, or something to leave out.
 * The rules are simple on purpose, and every decision is reported (and written on the model card)
 * so that a person can check it.
 *
 * <p>Left out by default, because a model must not learn from them unless someone asks:
 * <ul>
 *   <li><b>personal data</b>: columns whose name or values look like a person's name, an e-mail
 *       address, a phone number or a street address. A name is a near-identifier and tells the
 *       model nothing about behaviour that it should use (data minimisation, GDPR Art. 5(1)(c));</li>
 *   <li><b>identifiers</b>: a different value in every row, an id-named column that is nearly
 *       unique, or text with a distinct value for most rows. A model that learns them memorises
 *       rows instead of learning patterns.</li>
 * </ul>
 * {@code --include COLUMN} brings one back; the card records that it was asked for.
 */
public final class ColumnInference {

    /** Categories with more distinct values than this share of rows are free text or ids. */
    private static final double MAX_CATEGORY_SHARE = 0.5;
    /** An id-named column with at least this share of distinct values is an identifier. */
    private static final double NEAR_UNIQUE_SHARE = 0.9;
    /** Values that must look like personal data for the column to count as such. */
    private static final double PERSONAL_VALUE_SHARE = 0.5;
    /** A level needs this many rows for a column of its own. */
    private static final int MIN_LEVEL_COUNT = 10;

    /** Column names (lower case, without spaces, dashes and underscores) that name personal data. */
    private static final Pattern PERSONAL_NAME = Pattern.compile(
            "(first|last|given|family|full|middle|sur|fore|customer|client|contact|user|person)?name"
                    + "|surname|forename|e?mail(address)?|emailaddr|(tele|mobile|cell)?phone(number)?|mobile|telephone"
                    + "|(street|postal|home|billing|shipping)?address(line)?\\d?|street|addr|postcode|zip(code)?");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[A-Za-z]{2,}");
    /** Digits with the separators phone numbers are written with, seven digits or more. */
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ()./-]{6,}[0-9]");
    private static final Pattern STREET = Pattern.compile(
            "(?i)\\d+[a-z]?\\s+\\S.*\\b(street|st|road|rd|avenue|ave|lane|ln|drive|dr|way|boulevard|blvd|court|ct|place|pl)\\b\\.?.*");

    /** What was decided for one column, and why. */
    public record Decision(String column, String kind, String reason, FeatureField field) {
    }

    private ColumnInference() {
    }

    /**
     * @param exclude columns the user asked to leave out (for example one known only after the fact)
     * @param include columns the user asked to keep although they look like personal data or identifiers
     * @throws IllegalArgumentException when a used column is empty in every row
     */
    public static List<Decision> infer(CsvTable table, String target, Set<String> exclude, Set<String> include) {
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
            decisions.add(decide(table, c, name, include.contains(name)));
        }
        return decisions;
    }

    private static Decision decide(CsvTable table, int c, String name, boolean included) {
        Set<String> distinct = new HashSet<>();
        int present = 0;
        int personal = 0;
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
            if (EMAIL.matcher(v).matches() || STREET.matcher(v).matches() || (PHONE.matcher(v).matches() && !plainNumber(v))) {
                personal++;
            }
        }
        if (present == 0) {
            throw new IllegalArgumentException("column '" + name + "' is empty in every row; leave it out with --exclude "
                    + (name.isEmpty() ? "\"\"" : name));
        }
        int missing = table.rows().size() - present;
        String stats = distinct.size() + " distinct, " + missing + " missing";
        if (included) {
            return numeric
                    ? new Decision(name, "numeric", stats + "; included on request", FeatureField.numeric(name, NumericTransform.NONE))
                    : new Decision(name, "categorical", stats + "; included on request", FeatureField.categorical(name, MIN_LEVEL_COUNT));
        }
        String key = name.toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-.]", "");
        if (PERSONAL_NAME.matcher(key).matches()) {
            return new Decision(name, "personal data", "its name says it holds a person's name, e-mail, phone or address;"
                    + " bring it back with --include " + name, null);
        }
        if (personal > PERSONAL_VALUE_SHARE * present) {
            return new Decision(name, "personal data", String.format(Locale.ROOT, "%.0f %% of its values look like e-mail"
                    + " addresses, phone numbers or street addresses; bring it back with --include %s", 100.0 * personal / present, name),
                    null);
        }
        boolean unique = distinct.size() == present;
        boolean idName = key.isEmpty() || key.equals("id") || key.endsWith("id") || key.equals("index") || key.endsWith("number")
                || key.endsWith("no") || key.equals("key");
        if (unique && (idName || !numeric || integral)) {
            return new Decision(name, "identifier", "a different value in every row; bring it back with --include " + name, null);
        }
        if (idName && distinct.size() >= NEAR_UNIQUE_SHARE * present) {
            return new Decision(name, "identifier", String.format(Locale.ROOT, "an id-named column with %,d distinct values in %,d"
                    + " rows; bring it back with --include %s", distinct.size(), present, name), null);
        }
        if (numeric) {
            return new Decision(name, "numeric", stats, FeatureField.numeric(name, NumericTransform.NONE));
        }
        if (distinct.size() > MAX_CATEGORY_SHARE * present) {
            return new Decision(name, "identifier", String.format(Locale.ROOT, "text with %,d distinct values in %,d rows: it"
                    + " acts like an identifier, not a category; bring it back with --include %s", distinct.size(), present, name), null);
        }
        return new Decision(name, "categorical", stats, FeatureField.categorical(name, MIN_LEVEL_COUNT));
    }

    /** A bare number or a date ("1889.50", "20110901", "2011-09-01"): a measurement, not a phone number. */
    private static boolean plainNumber(String v) {
        return v.matches("-?\\d+(\\.\\d+)?") || v.matches("\\d{4}-\\d{2}-\\d{2}.*");
    }
}
