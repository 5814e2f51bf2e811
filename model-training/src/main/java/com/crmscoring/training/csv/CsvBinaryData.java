package com.crmscoring.training.csv;

import com.crmscoring.shared.features.FeatureField;
import com.crmscoring.shared.features.FeatureSource;
import com.crmscoring.training.binary.BinaryDataset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Turns a user's CSV, a target column and its positive value into a {@link BinaryDataset}. */
public final class CsvBinaryData {

    /** The dataset and the column decisions behind it. */
    public record Prepared(BinaryDataset dataset, List<ColumnInference.Decision> decisions) {
    }

    private CsvBinaryData() {
    }

    /**
     * @param fingerprint SHA-256 of the file and the options
     * @throws IllegalArgumentException naming the problem: unknown target, absent positive value,
     *                                  a blank target, no usable column
     */
    public static Prepared prepare(CsvTable table, String target, String positiveValue, Set<String> exclude,
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
        Set<String> targetValues = new TreeSet<>();
        boolean[] positive = new boolean[table.rows().size()];
        for (int i = 0; i < positive.length; i++) {
            String v = table.rows().get(i)[t].trim();
            if (v.isEmpty()) {
                throw new IllegalArgumentException("data row " + (i + 1) + " has no value in target column '" + target + "'");
            }
            targetValues.add(v);
            positive[i] = v.equals(positiveValue);
        }
        if (!targetValues.contains(positiveValue)) {
            throw new IllegalArgumentException("positive value '" + positiveValue + "' never occurs in column '" + target
                    + "'; it holds " + (targetValues.size() > 10 ? targetValues.size() + " values" : targetValues));
        }
        if (targetValues.size() == 1) {
            throw new IllegalArgumentException("target column '" + target + "' has a single class ('" + positiveValue
                    + "' in every row): there is nothing to learn");
        }
        List<ColumnInference.Decision> decisions = ColumnInference.infer(table, target, exclude);
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
        return new Prepared(new BinaryDataset(rows, positive, fields, trainedOn, fingerprint), decisions);
    }
}
