package com.crmscoring.bench;

import java.util.Arrays;
import java.util.List;

/** Order statistics of a sample, nearest-rank; the machine is shared, so medians lead. */
record Stats(int n, double p50, double p99, double max, double min) {

    static Stats of(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return new Stats(v.length, rank(v, 0.50), rank(v, 0.99), v[v.length - 1], v[0]);
    }

    static Stats of(List<Double> values) {
        return of(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static double rank(double[] sorted, double q) {
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
