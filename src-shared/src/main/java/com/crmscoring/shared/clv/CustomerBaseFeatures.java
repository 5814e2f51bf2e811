package com.crmscoring.shared.clv;

import com.crmscoring.shared.features.FeatureField;
import com.crmscoring.shared.features.FeatureSource;
import com.crmscoring.shared.features.NumericTransform;
import java.util.List;

/**
 * A customer's attributes with the {@link CustomerBaseModel}'s forecast added as three more, for
 * a model that learns from both (the "combined" lifetime-value model): training wraps its rows in
 * it and scoring wraps the stored profile the same way, so the model sees the same values.
 */
public final class CustomerBaseFeatures implements FeatureSource {

    public static final String EXPECTED_PURCHASES = "bgnbd.expectedPurchases";
    public static final String PROBABILITY_ALIVE = "bgnbd.probabilityAlive";
    public static final String EXPECTED_SPEND = "bgnbd.expectedSpend";

    private final FeatureSource customer;
    private final CustomerBaseModel.Forecast forecast;

    public CustomerBaseFeatures(FeatureSource customer, CustomerBaseModel model, double horizonDays) {
        this.customer = customer;
        this.forecast = model.forecast(customer, horizonDays);
    }

    /** The added attributes with their encodings: counts and amounts are heavy-tailed, the probability is not. */
    public static List<FeatureField> fields() {
        return List.of(FeatureField.numeric(EXPECTED_PURCHASES, NumericTransform.SIGNED_LOG1P),
                FeatureField.numeric(PROBABILITY_ALIVE, NumericTransform.NONE),
                FeatureField.numeric(EXPECTED_SPEND, NumericTransform.SIGNED_LOG1P));
    }

    /** The forecast, or null for a prospect. */
    public CustomerBaseModel.Forecast forecast() {
        return forecast;
    }

    @Override
    public Object value(String attribute) {
        return switch (attribute) {
            case EXPECTED_PURCHASES -> forecast == null ? null : forecast.expectedPurchases();
            case PROBABILITY_ALIVE -> forecast == null ? null : forecast.probabilityAlive();
            case EXPECTED_SPEND -> forecast == null ? null : forecast.expectedSpend();
            default -> customer.value(attribute);
        };
    }
}
