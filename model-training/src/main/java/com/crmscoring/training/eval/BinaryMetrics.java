package com.crmscoring.training.eval;

import java.util.Arrays;
import java.util.Comparator;
import org.tribuo.classification.evaluation.LabelEvaluationUtil;

/**
 * Ranking metrics of a binary score, as scikit-learn defines them so that the figures compare with
 * published results. ROC AUC and average precision are Tribuo's ({@link LabelEvaluationUtil}:
 * ties between a positive and a negative count one half; average precision is
 * {@code sum_n (R_n - R_{n-1}) P_n} over distinct score thresholds); lift, which Tribuo lacks,
 * is ours.
 */
public final class BinaryMetrics {

    private BinaryMetrics() {
    }

    /** Area under the ROC curve; ties between a positive and a negative count one half. */
    public static double rocAuc(boolean[] positive, double[] score) {
        int positives = count(positive);
        if (positives == 0 || positives == positive.length) {
            throw new IllegalArgumentException("ROC AUC needs both classes");
        }
        return LabelEvaluationUtil.binaryAUCROC(positive, score);
    }

    /** Average precision: precision at each distinct threshold, weighted by the recall it adds. */
    public static double averagePrecision(boolean[] positive, double[] score) {
        if (count(positive) == 0) {
            throw new IllegalArgumentException("average precision needs a positive example");
        }
        return LabelEvaluationUtil.averagedPrecision(positive, score);
    }

    private static int count(boolean[] positive) {
        int n = 0;
        for (boolean p : positive) {
            if (p) {
                n++;
            }
        }
        return n;
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
