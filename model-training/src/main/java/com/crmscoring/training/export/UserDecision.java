package com.crmscoring.training.export;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A decision a user of the scores sees (a risk band, a segment, the order of offers, a fraud
 * decision), computed from natural-domain values. Parity holds a model to the same decisions as
 * its reference, except on rows whose decision a float32 rounding could honestly flip: a value
 * within its tolerance of a cut-off, or two values within their tolerances of each other.
 */
public interface UserDecision {

    /** What is decided, for the card: "risk band", "segment". */
    String name();

    String decide(double[] values);

    /** Whether the decision could flip if each value moved within its tolerance. */
    boolean borderline(double[] values, double[] tolerance);

    /**
     * Bands on one value: {@code labels[i]} below {@code cuts[i]}, the last label at or above the
     * last cut.
     *
     * @param cuts ascending cut-offs in the natural domain
     */
    static UserDecision bands(String name, int index, double[] cuts, List<String> labels) {
        if (labels.size() != cuts.length + 1) {
            throw new IllegalArgumentException(cuts.length + " cuts need " + (cuts.length + 1) + " labels");
        }
        return new UserDecision() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String decide(double[] values) {
                int band = 0;
                while (band < cuts.length && values[index] >= cuts[band]) {
                    band++;
                }
                return labels.get(band);
            }

            @Override
            public boolean borderline(double[] values, double[] tolerance) {
                for (double cut : cuts) {
                    if (Math.abs(values[index] - cut) <= tolerance[index]) {
                        return true;
                    }
                }
                return false;
            }
        };
    }

    /**
     * The first {@code top} labels ordered by value: the nearest segment (lowest first, top 1), the
     * order of offers (highest first, all).
     */
    static UserDecision ranking(String name, List<String> labels, int top, boolean highestFirst) {
        return new UserDecision() {
            @Override
            public String name() {
                return name;
            }

            private List<Integer> order(double[] values) {
                Comparator<Integer> byValue = Comparator.comparingDouble(i -> values[i]);
                return IntStream.range(0, values.length).boxed()
                        .sorted(highestFirst ? byValue.reversed() : byValue).toList();
            }

            @Override
            public String decide(double[] values) {
                List<String> chosen = new ArrayList<>();
                for (int i : order(values).subList(0, Math.min(top, values.length))) {
                    chosen.add(labels.get(i));
                }
                return String.join(" > ", chosen);
            }

            @Override
            public boolean borderline(double[] values, double[] tolerance) {
                List<Integer> order = order(values);
                for (int p = 0; p < Math.min(top, order.size() - 1); p++) {
                    int a = order.get(p);
                    int b = order.get(p + 1);
                    if (Math.abs(values[a] - values[b]) <= tolerance[a] + tolerance[b]) {
                        return true;
                    }
                }
                return false;
            }
        };
    }
}
