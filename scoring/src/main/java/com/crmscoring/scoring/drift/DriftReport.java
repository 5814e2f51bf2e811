package com.crmscoring.scoring.drift;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.Comparator;
import java.util.List;

/**
 * How far today's customers have moved from a model's reference population: per model, the
 * population stability index of its score and of every attribute it reads, with both
 * distributions bin by bin. Written as JSON and as a page ({@link DriftPage}).
 *
 * @param asOf       the instant the customers' features and scores were computed for
 * @param reference  what was compared against ({@code training}: each model file's own population)
 * @param customers  the customers compared (profiles read, less those who objected to profiling)
 * @param optedOut   customers left out because they objected to profiling
 * @param ordersSince the models of orders (fraud screening) compare the orders placed from this
 *                    instant to {@code asOf}, each against its customer's history before it; null
 *                    when no such model is watched
 * @param orders     the orders compared
 * @param ordersSampled whether those are a sample (the job stops reading orders once it has enough), not every order since
 * @param models     one entry per model watched that had customers (or orders) to compare
 * @param nothingToCompare the models watched that had none (no order in the window, say): no index
 */
public record DriftReport(String asOf, String reference, long customers, long optedOut, String ordersSince, long orders,
                          boolean ordersSampled, List<ModelDrift> models, List<String> nothingToCompare) {

    /** Below it: stable. */
    public static final double WATCH = 0.1;
    /** At or above it: a shift to act on (retrain, or find out what changed). */
    public static final double ACT = 0.25;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * @param population what the model scores: {@code customers} or {@code orders}
     * @param rows       the customers (or orders) this model scored (prospects have no segment)
     * @param score      its score's index
     * @param attributes every attribute's index, the largest first
     */
    public record ModelDrift(String model, String version, String population, long rows, Index score, List<Index> attributes) {

        public ModelDrift {
            attributes = attributes.stream().sorted(Comparator.comparingDouble(Index::psi).reversed()).toList();
        }

        /** The largest attribute index (0 when the model reads none). */
        public double maxAttributePsi() {
            return attributes.isEmpty() ? 0 : attributes.get(0).psi();
        }
    }

    /**
     * One value's index, with its bins: the reference's shares and today's.
     *
     * @param level {@code stable}, {@code watch} or {@code act}
     */
    public record Index(String name, double psi, String level, List<String> bins, double[] expected, double[] actual) {

        public static Index of(String name, double psi, List<String> bins, double[] expected, double[] actual) {
            return new Index(name, psi, levelOf(psi), bins, expected, actual);
        }
    }

    public static String levelOf(double psi) {
        return psi >= ACT ? "act" : psi >= WATCH ? "watch" : "stable";
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the drift report cannot be written as JSON", e);
        }
    }
}
