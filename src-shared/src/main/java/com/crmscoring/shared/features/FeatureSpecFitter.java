package com.crmscoring.shared.features;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fits a {@link FeatureSpec} on training rows: medians for missing numbers, means and standard
 * deviations for standardisation, the levels of each category. Fit it on the training part of
 * a split only, so that evaluation never borrows statistics from the rows it scores.
 */
public final class FeatureSpecFitter {

    /**
     * @throws IllegalArgumentException when there are no rows, or an attribute has no value in any row
     */
    public FeatureSpec fit(List<FeatureField> fields, List<? extends FeatureSource> rows) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("cannot fit features on zero rows");
        }
        List<FeatureDefinition> definitions = new ArrayList<>(fields.size());
        for (FeatureField field : fields) {
            definitions.add(switch (field.type()) {
                case NUMERIC -> fitNumeric(field, rows);
                case CATEGORICAL -> fitCategorical(field, rows);
                case BOOLEAN -> fitBoolean(field, rows);
            });
        }
        return new FeatureSpec(definitions);
    }

    private static NumericFeature fitNumeric(FeatureField field, List<? extends FeatureSource> rows) {
        double[] raw = new double[rows.size()];
        int present = 0;
        for (FeatureSource row : rows) {
            double x = FeatureValues.toDouble(row.value(field.name()));
            if (!Double.isNaN(x)) {
                raw[present++] = x;
            }
        }
        if (present == 0) {
            throw new IllegalArgumentException("attribute '" + field.name() + "' is empty in every training row");
        }
        double[] values = Arrays.copyOf(raw, present);
        Arrays.sort(values);
        double median = present % 2 == 1 ? values[present / 2]
                : (values[present / 2 - 1] + values[present / 2]) / 2.0;

        double sum = 0;
        double sumSq = 0;
        for (FeatureSource row : rows) {
            double x = FeatureValues.toDouble(row.value(field.name()));
            double t = field.transform().apply(Double.isNaN(x) ? median : x);
            sum += t;
            sumSq += t * t;
        }
        int n = rows.size();
        double mean = sum / n;
        double variance = Math.max(0, sumSq / n - mean * mean);
        return new NumericFeature(field.name(), field.transform(), median, mean, Math.sqrt(variance));
    }

    private static CategoricalFeature fitCategorical(FeatureField field, List<? extends FeatureSource> rows) {
        Map<String, Integer> counts = new TreeMap<>();
        for (FeatureSource row : rows) {
            String value = FeatureValues.toCategory(row.value(field.name()));
            counts.merge(value == null ? CategoricalFeature.OTHER : value, 1, Integer::sum);
        }
        List<String> levels = new ArrayList<>();
        int otherCount = 0;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (!e.getKey().equals(CategoricalFeature.OTHER) && e.getValue() >= Math.max(1, field.minLevelCount())) {
                levels.add(e.getKey());
            } else {
                otherCount += e.getValue();
            }
        }
        // The most frequent bucket (ties broken by name, for reproducibility) is the reference.
        int othersTotal = otherCount;
        String baseline = levels.stream()
                .max(Comparator.<String>comparingInt(counts::get).thenComparing(Comparator.reverseOrder()))
                .filter(level -> counts.get(level) >= othersTotal)
                .orElse(CategoricalFeature.OTHER);
        return new CategoricalFeature(field.name(), levels, baseline);
    }

    private static BooleanFeature fitBoolean(FeatureField field, List<? extends FeatureSource> rows) {
        int yes = 0;
        int no = 0;
        for (FeatureSource row : rows) {
            Boolean b = FeatureValues.toBoolean(row.value(field.name()));
            if (b != null) {
                if (b) {
                    yes++;
                } else {
                    no++;
                }
            }
        }
        if (yes + no == 0) {
            throw new IllegalArgumentException("attribute '" + field.name() + "' is empty in every training row");
        }
        return new BooleanFeature(field.name(), yes > no);
    }
}
