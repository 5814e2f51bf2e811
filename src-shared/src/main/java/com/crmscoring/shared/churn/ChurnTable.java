package com.crmscoring.shared.churn;

import com.crmscoring.shared.domain.CustomerAttributes;
import java.util.List;

/**
 * The columns of the churn training table: the Spark job writes it in Parquet, the trainer reads
 * it. One row per {@link ChurnExamples.Example}: the customer, every attribute a churn model
 * reads, as its feature source gives it (raw values, a missing one null; the trainer fits the
 * encodings), and the label.
 */
public final class ChurnTable {

    /** The customer's id: a string, never null. */
    public static final String CUSTOMER_ID = CustomerAttributes.CUSTOMER_ID;
    /** The label: a boolean, never null; true when the customer churned in the horizon. */
    public static final String LABEL = "churned";
    /** The numeric attributes, in the shared contract's order: doubles, null when missing. */
    public static final List<String> NUMERIC = List.copyOf(CustomerAttributes.NUMERIC.keySet());
    /** The one categorical attribute: a string, null when missing. */
    public static final String COUNTRY = CustomerAttributes.COUNTRY;

    private ChurnTable() {
    }
}
