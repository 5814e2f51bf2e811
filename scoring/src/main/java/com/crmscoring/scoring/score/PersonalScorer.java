package com.crmscoring.scoring.score;

import com.crmscoring.scoring.observe.ScoreMetrics;
import com.crmscoring.scoring.shadow.Shadow;
import com.crmscoring.shared.features.FeatureSource;
import com.crmscoring.shared.model.ModelMetadata;
import com.crmscoring.shared.model.OnnxModel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * The one shape of the personal scorers (churn, segment, lifetime value, next best offer): read
 * the customer's features for the instant asked, leave out everyone who objected to profiling,
 * score the rest in one model run, and answer in the order asked.
 *
 * @param <S> the answer for one customer
 */
public abstract class PersonalScorer<S> {

    private final CustomerFeatureReader features;
    protected final OnnxModel model;
    private final ScoreMetrics metrics;
    private final ScoreMetrics.Buckets buckets;
    private volatile Shadow<CustomerFeatures, S> shadow;

    /**
     * @param metrics where each answer is counted (the factory's, drained per invocation)
     * @param buckets the fixed buckets of this kind of score
     */
    protected PersonalScorer(CustomerFeatureReader features, OnnxModel model, ScoreMetrics metrics, ScoreMetrics.Buckets buckets) {
        this.features = features;
        this.model = model;
        this.metrics = metrics;
        this.buckets = buckets;
    }

    /**
     * @param asOf the instant to score for (ISO-8601), or null for now
     * @throws InvalidRequestException    when the id or {@code asOf} is malformed, or {@code asOf} is
     *                                    not after the customer's latest order
     * @throws CustomerNotFoundException  when no profile exists
     */
    public final S score(String customerId, String asOf) {
        return scoreAll(List.of(features.require(customerId, asOf))).get(0);
    }

    /** Scores customers already read, in one model run, in the order given. */
    public final List<S> scoreAll(List<CustomerFeatures> customers) {
        List<CustomerFeatures> profiled = customers.stream().filter(c -> !c.profilingOptOut()).toList();
        List<S> live = profiled.isEmpty() ? List.of() : scoreProfiled(profiled);
        Shadow<CustomerFeatures, S> challenger = shadow;
        if (challenger != null && !profiled.isEmpty()) {
            challenger.offer(profiled, live);
        }
        Iterator<S> scored = live.iterator();
        List<S> out = new ArrayList<>(customers.size());
        for (CustomerFeatures customer : customers) {
            // Art. 21 GDPR: no profiling-based score for a customer who objected to it.
            if (customer.profilingOptOut()) {
                out.add(optedOut(customer));
                metrics.optedOut(metadata(), buckets);
            } else {
                out.add(scored.next());
            }
        }
        return out;
    }

    public final ModelMetadata metadata() {
        return model.metadata();
    }

    /** The model this scorer runs. */
    public final OnnxModel onnxModel() {
        return model;
    }

    /**
     * What the model reads for a customer, or null when this scorer gives them no model score (a
     * prospect has no segment): the same source the scorer encodes, for the drift job to compare
     * with the training population.
     */
    public FeatureSource modelInput(CustomerFeatures customer) {
        return customer.attributes();
    }

    /** Scores customers none of whom objected to profiling, in one model run, in the order given. */
    protected abstract List<S> scoreProfiled(List<CustomerFeatures> customers);

    /**
     * Lets a challenger version score {@code share} of the requests beside this (live) scorer, in
     * the background, never answering ({@link Shadow}).
     */
    public final void shadowedBy(PersonalScorer<S> challenger, double share, ScoreMetrics into, Executor executor) {
        if (!challenger.metadata().name().equals(metadata().name())) {
            throw new IllegalArgumentException("a " + metadata().name() + " model cannot be challenged by a "
                    + challenger.metadata().name() + " model");
        }
        this.shadow = new Shadow<>(challenger.metadata(), challenger::scoreAll, share, this::agreement, into, executor);
    }

    /** The challenger this scorer runs in shadow, if any. */
    public final Shadow<CustomerFeatures, S> shadow() {
        return shadow;
    }

    /**
     * Whether a challenger's answer agrees with the live one on what the caller acts on (a band, a
     * segment, a bucket, the first offer), and the difference of their scores.
     */
    protected abstract Shadow.Agreement agreement(S live, S challenger);

    /**
     * Counts a score for the metrics.
     *
     * @param score      the score in this scorer's buckets, or NaN for a category only
     * @param categories bounded labels (a band, a segment), counted one each
     * @param defaulted  the attributes defaulted for it
     */
    protected final void count(double score, List<String> categories, List<String> defaulted) {
        metrics.scored(metadata(), buckets, score, categories, defaulted.size(), model.vectorizer().groups().size());
    }

    /** The answer for a customer who objected: who, which model, which instant; no score. */
    protected abstract S optedOut(CustomerFeatures customer);

    /** The instant an answer states, as the API writes it. */
    protected static String asOf(CustomerFeatures customer) {
        return customer.asOf() == null ? null : customer.asOf().toString();
    }
}
