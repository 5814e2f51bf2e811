package com.crmscoring.training.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The curves a person needs to judge a binary score: ROC, precision-recall, cumulative gains,
 * lift by decile and calibration. They are pure functions of the labels and scores so that a
 * report drawn from out-of-fold scores can be checked by hand and reproduced exactly.
 *
 * <p>Rows with the same score are never split by input order: ROC and precision-recall treat a
 * tie as one threshold, and gains and lift count a tie group that straddles a cut-off pro rata,
 * because the ranking cannot say which of the tied customers would be contacted first.
 */
public final class BinaryCurves {

    /** A point of a curve; what x and y mean is documented by the method that returns it. */
    public record Point(double x, double y) {
    }

    /** One probability bin of a calibration curve: the mean score in it, the observed positive rate and its row count. */
    public record CalibrationBin(double meanPredicted, double observedRate, int count) {
    }

    private BinaryCurves() {
    }

    /**
     * ROC curve as (false-positive rate, true-positive rate) points, from (0, 0) to (1, 1), one
     * point per distinct score threshold, highest threshold first.
     */
    public static List<Point> roc(boolean[] positive, double[] score) {
        List<Group> groups = groups(positive, score);
        long positives = requireBothClasses(groups, "ROC curve");
        long negatives = score.length - positives;
        List<Point> points = new ArrayList<>(groups.size() + 1);
        points.add(new Point(0, 0));
        long tp = 0;
        long fp = 0;
        for (Group g : groups) {
            tp += g.positives;
            fp += g.size - g.positives;
            points.add(new Point((double) fp / negatives, (double) tp / positives));
        }
        return List.copyOf(points);
    }

    /**
     * Precision-recall curve as (recall, precision) points, one per distinct score threshold,
     * highest threshold first; a threshold flags every row scoring at least that much.
     */
    public static List<Point> precisionRecall(boolean[] positive, double[] score) {
        List<Group> groups = groups(positive, score);
        long positives = requireBothClasses(groups, "precision-recall curve");
        List<Point> points = new ArrayList<>(groups.size());
        long tp = 0;
        long flagged = 0;
        for (Group g : groups) {
            tp += g.positives;
            flagged += g.size;
            points.add(new Point((double) tp / positives, (double) tp / flagged));
        }
        return List.copyOf(points);
    }

    /**
     * Cumulative gains: 11 points (share of customers contacted, share of all positives they hold)
     * for 0 %, 10 %, ..., 100 % of customers contacted in order of falling score.
     */
    public static List<Point> cumulativeGains(boolean[] positive, double[] score) {
        List<Group> groups = groups(positive, score);
        long positives = requirePositive(groups, "cumulative gains");
        int n = score.length;
        List<Point> points = new ArrayList<>(11);
        for (int i = 0; i <= 10; i++) {
            points.add(new Point(i / 10.0, captured(groups, n * (i / 10.0)) / positives));
        }
        return List.copyOf(points);
    }

    /**
     * Lift of each score decile, best first: the decile's positive rate over the overall positive
     * rate, so 1.0 is what a random ranking gives. Deciles are a tenth of the rows each, fractional
     * when the row count is not a multiple of ten.
     */
    public static double[] liftByDecile(boolean[] positive, double[] score) {
        List<Group> groups = groups(positive, score);
        long positives = requirePositive(groups, "lift by decile");
        int n = score.length;
        double baseRate = (double) positives / n;
        double decileRows = n / 10.0;
        double[] lift = new double[10];
        double before = 0;
        for (int d = 0; d < 10; d++) {
            double upTo = captured(groups, n * ((d + 1) / 10.0));
            lift[d] = (upTo - before) / decileRows / baseRate;
            before = upTo;
        }
        return lift;
    }

    /**
     * Calibration curve over {@code bins} equal-width bins of [0, 1], lowest first, leaving out
     * bins without rows. A score of exactly 1 belongs to the last bin.
     */
    public static List<CalibrationBin> calibration(boolean[] positive, double[] score, int bins) {
        checkRows(positive, score);
        if (bins < 1) {
            throw new IllegalArgumentException("calibration needs at least one bin, got " + bins);
        }
        double[] sum = new double[bins];
        int[] hits = new int[bins];
        int[] count = new int[bins];
        for (int i = 0; i < score.length; i++) {
            if (score[i] < 0 || score[i] > 1) {
                throw new IllegalArgumentException(
                        "calibration needs probabilities in [0, 1] but score[" + i + "] is " + score[i]);
            }
            int b = Math.min(bins - 1, (int) (score[i] * bins));
            sum[b] += score[i];
            count[b]++;
            if (positive[i]) {
                hits[b]++;
            }
        }
        List<CalibrationBin> out = new ArrayList<>();
        for (int b = 0; b < bins; b++) {
            if (count[b] > 0) {
                out.add(new CalibrationBin(sum[b] / count[b], (double) hits[b] / count[b], count[b]));
            }
        }
        return List.copyOf(out);
    }

    /** Rows sharing one score, in order of falling score. */
    private record Group(int size, int positives) {
    }

    private static List<Group> groups(boolean[] positive, double[] score) {
        checkRows(positive, score);
        Integer[] order = new Integer[score.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> score[i]).reversed());
        List<Group> groups = new ArrayList<>();
        int i = 0;
        while (i < order.length) {
            int j = i;
            int hits = 0;
            while (j < order.length && score[order[j]] == score[order[i]]) {
                if (positive[order[j]]) {
                    hits++;
                }
                j++;
            }
            groups.add(new Group(j - i, hits));
            i = j;
        }
        return groups;
    }

    /** Positives among the first {@code rows} rows (may be fractional); a straddling tie counts pro rata. */
    private static double captured(List<Group> groups, double rows) {
        double total = 0;
        double seen = 0;
        for (Group g : groups) {
            if (rows >= seen + g.size) {
                total += g.positives;
                seen += g.size;
            } else {
                total += g.positives * (rows - seen) / g.size;
                break;
            }
        }
        return total;
    }

    private static long requireBothClasses(List<Group> groups, String what) {
        long positives = requirePositive(groups, what);
        long rows = groups.stream().mapToLong(Group::size).sum();
        if (positives == rows) {
            throw new IllegalArgumentException(what + " needs at least one negative row, but every row is positive");
        }
        return positives;
    }

    private static long requirePositive(List<Group> groups, String what) {
        long positives = groups.stream().mapToLong(Group::positives).sum();
        if (positives == 0) {
            throw new IllegalArgumentException(what + " needs at least one positive row, but there is none");
        }
        return positives;
    }

    private static void checkRows(boolean[] positive, double[] score) {
        if (positive == null || score == null) {
            throw new IllegalArgumentException("labels and scores are required");
        }
        if (positive.length != score.length) {
            throw new IllegalArgumentException("labels and scores differ in length: "
                    + positive.length + " labels but " + score.length + " scores");
        }
        if (score.length == 0) {
            throw new IllegalArgumentException("labels and scores are empty");
        }
        for (int i = 0; i < score.length; i++) {
            if (!Double.isFinite(score[i])) {
                throw new IllegalArgumentException("score[" + i + "] is " + score[i] + "; scores must be finite");
            }
        }
    }
}
