package com.crmscoring.shared.lifecycle;

import com.crmscoring.shared.aggregates.BehaviourAggregates;
import java.util.Arrays;
import java.util.List;

/**
 * Transparent life-cycle rules on recency, tenure and trend. The thresholds are quantiles of the
 * training customers, fitted by {@link #fit} and shipped inside the segment model's metadata so
 * that training and scoring classify alike. Rules apply in this order:
 * <ol>
 *   <li>no purchase yet: {@link LifecycleStage#ACQUISITION};</li>
 *   <li>{@code recencyDays >= terminationRecencyDays} (the 75th percentile): {@link LifecycleStage#TERMINATION};</li>
 *   <li>{@code recencyDays >= recessionRecencyDays} (the median) or a spend trend at or below
 *       {@code recessionTrend} (the 25th percentile of customers with a trend): {@link LifecycleStage#RECESSION};</li>
 *   <li>{@code tenureDays <= growthTenureDays} (the 25th percentile) or a spend trend at or above
 *       {@code growthTrend} (the 75th percentile): {@link LifecycleStage#GROWTH};</li>
 *   <li>otherwise {@link LifecycleStage#MATURITY}.</li>
 * </ol>
 */
public record LifecycleRules(double terminationRecencyDays, double recessionRecencyDays, double recessionTrend,
                             double growthTenureDays, double growthTrend) {

    public LifecycleStage classify(BehaviourAggregates a) {
        if (a.isProspect()) {
            return LifecycleStage.ACQUISITION;
        }
        return classify(a.recencyDays(), a.tenureDays(), a.spendTrend90());
    }

    /** The same rules on raw values; a NaN trend (no spend in either period) counts as flat. */
    public LifecycleStage classify(double recencyDays, double tenureDays, double spendTrend90) {
        if (Double.isNaN(recencyDays)) {
            return LifecycleStage.ACQUISITION;
        }
        if (recencyDays >= terminationRecencyDays) {
            return LifecycleStage.TERMINATION;
        }
        boolean hasTrend = !Double.isNaN(spendTrend90);
        if (recencyDays >= recessionRecencyDays || hasTrend && spendTrend90 <= recessionTrend) {
            return LifecycleStage.RECESSION;
        }
        if (tenureDays <= growthTenureDays || hasTrend && spendTrend90 >= growthTrend) {
            return LifecycleStage.GROWTH;
        }
        return LifecycleStage.MATURITY;
    }

    /** Fits the thresholds on customers who have bought (prospects are left out). */
    public static LifecycleRules fit(List<BehaviourAggregates> customers) {
        double[] recency = customers.stream().filter(a -> !a.isProspect()).mapToDouble(BehaviourAggregates::recencyDays).toArray();
        double[] tenure = customers.stream().filter(a -> !a.isProspect()).mapToDouble(BehaviourAggregates::tenureDays).toArray();
        double[] trend = customers.stream().filter(a -> !a.isProspect() && !Double.isNaN(a.spendTrend90()))
                .mapToDouble(BehaviourAggregates::spendTrend90).toArray();
        if (recency.length == 0 || trend.length == 0) {
            throw new IllegalArgumentException("life-cycle thresholds need customers with purchases and trends");
        }
        return new LifecycleRules(quantile(recency, 0.75), quantile(recency, 0.5), quantile(trend, 0.25),
                quantile(tenure, 0.25), quantile(trend, 0.75));
    }

    /** The lower empirical quantile: the value below which a share {@code q} of the data lies. */
    static double quantile(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int i = (int) Math.min(sorted.length - 1, Math.max(0, Math.floor(q * (sorted.length - 1))));
        return sorted[i];
    }
}
