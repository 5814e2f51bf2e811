package com.crmscoring.training.binary;

import com.crmscoring.shared.features.FeatureField;
import com.crmscoring.shared.features.FeatureSource;
import java.util.List;

/**
 * Rows to learn a yes/no target from, before any encoding.
 *
 * @param rows        raw attributes of each row
 * @param positive    the target of each row
 * @param fields      the attributes to use and their declared types
 * @param trainedOn   a readable description of the data, for the model card
 * @param fingerprint SHA-256 of the data file and of the parameters that turned it into rows
 */
public record BinaryDataset(List<? extends FeatureSource> rows, boolean[] positive, List<FeatureField> fields,
                            String trainedOn, String fingerprint) {

    public BinaryDataset {
        if (rows.size() != positive.length) {
            throw new IllegalArgumentException(rows.size() + " rows but " + positive.length + " labels");
        }
        rows = List.copyOf(rows);
        fields = List.copyOf(fields);
    }

    public int positives() {
        int n = 0;
        for (boolean p : positive) {
            if (p) {
                n++;
            }
        }
        return n;
    }
}
