package com.crmscoring.training.eval;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Ranking metrics of a binary score, defined as scikit-learn defines them so that the figures
 * compare with published results: ROC AUC with ties counted half, and average precision as
 * {@code sum_n (R_n - R_{n-1}) P_n} over distinct score thresholds.
 */
public final class BinaryMetrics {

    private BinaryMetrics() {
    }

    /** Area under the ROC curve; ties between a positive and a negative count one half. */
    public static double rocAuc(boolean[] positive, double[] score) {
        Integer[] order = byScoreAscending(score);
        long positives = 0;
        double rankSum = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && score[order[j + 1]] == score[order[i]]) {
                j++;
            }
            double averageRank = (i + j) / 2.0 + 1;   // 1-based ranks, ties averaged
            for (int k = i; k <= j; k++) {
                if (positive[order[k]]) {
                    positives++;
                    rankSum += averageRank;
                }
            }
            i = j + 1;
        }
        long negatives = order.length - positives;
        if (positives == 0 || negatives == 0) {
            throw new IllegalArgumentException("ROC AUC needs both classes");
        }
        return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /** Average precision: precision at each distinct threshold, weighted by the recall it adds. */
    public static double averagePrecision(boolean[] positive, double[] score) {
        Integer[] order = byScoreAscending(score);
        long totalPositives = 0;
        for (boolean p : positive) {
            if (p) {
                totalPositives++;
            }
        }
        if (totalPositives == 0) {
            throw new IllegalArgumentException("average precision needs a positive example");
        }
        double ap = 0;
        long tp = 0;
        long seen = 0;
        int i = order.length - 1;
        while (i >= 0) {
            int j = i;
            while (j - 1 >= 0 && score[order[j - 1]] == score[order[i]]) {
                j--;
            }
            long newTp = 0;
            for (int k = j; k <= i; k++) {
                if (positive[order[k]]) {
                    newTp++;
                }
            }
            seen += i - j + 1;
            tp += newTp;
            ap += (double) newTp / totalPositives * ((double) tp / seen);
            i = j - 1;
        }
        return ap;
    }

    /**
     * Lift of the top {@code fraction} of scores: their positive rate over the overall rate
     * (2.0 means the top decile holds twice as many churners as a random decile).
     */
    public static double liftAt(boolean[] positive, double[] score, double fraction) {
        Integer[] order = byScoreAscending(score);
        int top = Math.max(1, (int) Math.round(order.length * fraction));
        long hits = 0;
        long all = 0;
        for (int k = 0; k < order.length; k++) {
            if (positive[order[k]]) {
                all++;
                if (k >= order.length - top) {
                    hits++;
                }
            }
        }
        return all == 0 ? Double.NaN : ((double) hits / top) / ((double) all / order.length);
    }

    private static Integer[] byScoreAscending(double[] score) {
        Integer[] order = new Integer[score.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> score[i]));
        return order;
    }
}
