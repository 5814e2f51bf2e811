package com.crmscoring.shared.clv;

import com.crmscoring.shared.features.FeatureSource;
import java.util.Objects;

/**
 * The field's standard lifetime-value model for non-contractual retail: {@link BgNbd} for how
 * many purchases a customer will make and whether they are still "alive", {@link GammaGamma} for
 * what a purchase is worth. Fitted in training, carried in the lifetime-value model's metadata,
 * and evaluated here from the same customer attributes every other model reads, at the instant
 * they describe, so that training and scoring compute it alike.
 *
 * <p>In this shop a transaction is a purchase invoice, as everywhere else in the features: x is
 * {@code ordersTotal - 1}, t_x is {@code tenureDays - recencyDays} and T is {@code tenureDays},
 * both in weeks. The spend model sees {@code avgBasketValue}, the mean net value of all purchases
 * (the attributes keep no separate mean of the repeat purchases), with x = {@code ordersTotal}.
 *
 * @param purchases the purchase process, time in weeks
 * @param spend     the value of a purchase, in the shop's currency
 */
public record CustomerBaseModel(BgNbd purchases, GammaGamma spend) {

    /** The attributes the model reads. */
    public static final String ORDERS = "ordersTotal";
    public static final String TENURE_DAYS = "tenureDays";
    public static final String RECENCY_DAYS = "recencyDays";
    public static final String MEAN_VALUE = "avgBasketValue";
    static final double DAYS_PER_WEEK = 7.0;

    /** What the two models say about one customer over a horizon. */
    public record Forecast(double expectedPurchases, double probabilityAlive, double expectedValue, double expectedSpend) {
    }

    public CustomerBaseModel {
        Objects.requireNonNull(purchases, "purchases");
        Objects.requireNonNull(spend, "spend");
    }

    /**
     * The BG/NBD's view of a customer, in weeks; null for a prospect (no purchase yet) or when an
     * attribute it needs is missing.
     */
    public static BgNbd.Summary summary(FeatureSource customer) {
        double orders = number(customer, ORDERS);
        double tenure = number(customer, TENURE_DAYS);
        double recency = number(customer, RECENCY_DAYS);
        if (!(orders >= 1) || Double.isNaN(tenure) || Double.isNaN(recency)) {
            return null;
        }
        double t = Math.max(0, tenure) / DAYS_PER_WEEK;
        double tx = Math.min(t, Math.max(0, tenure - recency) / DAYS_PER_WEEK);
        return new BgNbd.Summary(Math.floor(orders) - 1, tx, t);
    }

    /** The forecast over {@code horizonDays} after the attributes' instant; null where {@link #summary} is. */
    public Forecast forecast(FeatureSource customer, double horizonDays) {
        BgNbd.Summary s = summary(customer);
        if (s == null) {
            return null;
        }
        double n = purchases.expectedPurchases(horizonDays / DAYS_PER_WEEK, s);
        double value = spend.expectedValue(s.x() + 1, number(customer, MEAN_VALUE));
        return new Forecast(n, purchases.probabilityAlive(s), value, n * value);
    }

    private static double number(FeatureSource customer, String attribute) {
        return customer.value(attribute) instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
