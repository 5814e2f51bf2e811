package com.crmscoring.spark;

import com.crmscoring.shared.churn.ChurnExamples;
import com.crmscoring.shared.churn.ChurnTable;
import com.crmscoring.shared.features.ProfileFeatureSource;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The churn training table ({@link ChurnTable}'s columns) as Spark's schema and rows: one row per
 * customer who had bought before the cut-off, with every attribute a churn model reads, as the
 * trainer's feature source gives it (a missing value is null), and the label. Raw values, not
 * encodings: the trainer fits its encodings on them.
 */
public final class FeatureTable {

    public static final String CUSTOMER_ID = ChurnTable.CUSTOMER_ID;
    public static final String LABEL = ChurnTable.LABEL;
    private static final List<String> NUMERIC = ChurnTable.NUMERIC;
    public static final StructType SCHEMA;

    static {
        List<StructField> fields = new ArrayList<>();
        fields.add(DataTypes.createStructField(CUSTOMER_ID, DataTypes.StringType, false));
        for (String name : NUMERIC) {
            fields.add(DataTypes.createStructField(name, DataTypes.DoubleType, true));
        }
        fields.add(DataTypes.createStructField(ChurnTable.COUNTRY, DataTypes.StringType, true));
        fields.add(DataTypes.createStructField(LABEL, DataTypes.BooleanType, false));
        SCHEMA = DataTypes.createStructType(fields);
    }

    private FeatureTable() {
    }

    /** A customer's row: their example's attributes, read as the trainer reads them. */
    public static Row row(String customerId, ChurnExamples.Example example) {
        ProfileFeatureSource source = new ProfileFeatureSource(example.profile());
        Object[] values = new Object[SCHEMA.size()];
        int i = 0;
        values[i++] = customerId;
        for (String name : NUMERIC) {
            values[i++] = source.value(name);
        }
        values[i++] = source.value(ChurnTable.COUNTRY);
        values[i] = example.churned();
        return RowFactory.create(values);
    }
}
