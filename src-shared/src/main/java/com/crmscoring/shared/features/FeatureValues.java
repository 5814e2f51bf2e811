package com.crmscoring.shared.features;

import java.util.Locale;

/** Lenient reading of raw attribute values: numbers, text and flags as sources hold them. */
final class FeatureValues {

    private FeatureValues() {
    }

    /** A number, or NaN when absent, blank or not a number. */
    static double toDouble(Object raw) {
        if (raw instanceof Number n) {
            double d = n.doubleValue();
            return Double.isFinite(d) ? d : Double.NaN;
        }
        if (raw instanceof Boolean b) {
            return b ? 1.0 : 0.0;
        }
        if (raw instanceof String s && !s.isBlank()) {
            try {
                double d = Double.parseDouble(s.trim());
                return Double.isFinite(d) ? d : Double.NaN;
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    /** Trimmed text, or null when absent or blank. */
    static String toCategory(Object raw) {
        if (raw == null) {
            return null;
        }
        String s = raw.toString().trim();
        return s.isEmpty() ? null : s;
    }

    /** A flag from a Boolean, a number (non-zero is true) or yes/no, true/false, 1/0 text; else null. */
    static Boolean toBoolean(Object raw) {
        if (raw instanceof Boolean b) {
            return b;
        }
        if (raw instanceof Number n) {
            return n.doubleValue() != 0;
        }
        if (raw instanceof String s) {
            return switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "y", "1" -> Boolean.TRUE;
                case "false", "no", "n", "0" -> Boolean.FALSE;
                default -> null;
            };
        }
        return null;
    }
}
