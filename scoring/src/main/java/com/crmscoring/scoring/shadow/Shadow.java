package com.crmscoring.scoring.shadow;

import com.crmscoring.scoring.observe.ScoreMetrics;
import com.crmscoring.shared.model.ModelMetadata;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * A challenger model version scoring a share of the live requests beside the live model, off the
 * request's path: the request only draws a number and, for the sampled share, hands what it already
 * read (customers, or an order with its profile) and the live answers to a background thread.
 * There the challenger scores the same inputs (its scores counted under its own version), each
 * answer is compared with the live one (agreement on the decision the user sees, and the score
 * difference) and the comparison goes to the metrics and one log line. Its answers never reach the caller. When the background thread is
 * behind, the sample is dropped and counted, never queued without bound and never waited for.
 *
 * <p>On Lambda, a container is frozen between invocations: shadow work queued by one invocation
 * may finish during the next, whose metrics then carry it. Shadow results are a sample either way.
 *
 * @param <I> what one answer is scored from (a customer's features, an order with its profile)
 * @param <S> the score answer of this kind
 */
public final class Shadow<I, S> {

    /** Whether a challenger's answer agrees with the live one, and by how much the scores differ (NaN: no score to compare). */
    public record Agreement(boolean agrees, double difference) {
    }

    private static final Logger LOG = Logger.getLogger("crm.shadow");

    private final ModelMetadata challenger;
    private final Function<List<I>, List<S>> challengerScores;
    private final double share;
    private final BiFunction<S, S, Agreement> compare;
    private final ScoreMetrics metrics;
    private final Executor executor;

    /**
     * @param challenger       the challenger's metadata (its name and version)
     * @param challengerScores the challenger's answers for inputs, in order
     * @param share            the share of requests the challenger scores, 0 to 1
     * @param compare          the live answer against the challenger's
     * @param executor         where the challenger runs (a bounded queue that rejects when full)
     */
    public Shadow(ModelMetadata challenger, Function<List<I>, List<S>> challengerScores, double share, BiFunction<S, S, Agreement> compare,
                  ScoreMetrics metrics, Executor executor) {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("a challenger's share is between 0 and 1, not " + share);
        }
        this.challenger = challenger;
        this.challengerScores = challengerScores;
        this.share = share;
        this.compare = compare;
        this.metrics = metrics;
        this.executor = executor;
    }

    /** The challenger's metadata: its name and version. */
    public ModelMetadata challenger() {
        return challenger;
    }

    public double share() {
        return share;
    }

    /**
     * Called with every live request's inputs and the live answers for them, in order: returns at
     * once, whether sampled or not.
     */
    public void offer(List<I> inputs, List<S> live) {
        if (share == 0 || ThreadLocalRandom.current().nextDouble() >= share) {
            return;
        }
        try {
            executor.execute(() -> compare(inputs, live));
        } catch (RejectedExecutionException full) {
            metrics.shadowDropped(challenger, inputs.size());
        }
    }

    private void compare(List<I> inputs, List<S> live) {
        int agreed = 0;
        double differences = 0;
        int differenced = 0;
        try {
            List<S> theirs = challengerScores.apply(inputs);
            for (int i = 0; i < inputs.size(); i++) {
                Agreement a = compare.apply(live.get(i), theirs.get(i));
                metrics.shadowed(challenger, a.agrees(), a.difference());
                agreed += a.agrees() ? 1 : 0;
                if (!Double.isNaN(a.difference())) {
                    differences += a.difference();
                    differenced++;
                }
            }
            MDC.put("model", challenger.name());
            MDC.put("challenger", challenger.version());
            MDC.put("compared", Integer.toString(inputs.size()));
            MDC.put("agreed", Integer.toString(agreed));
            MDC.put("meanDifference", differenced == 0 ? "" : String.format(Locale.ROOT, "%.6f", differences / differenced));
            LOG.info("shadow");
        } catch (RuntimeException e) {
            // A failing challenger must never touch the live path: it is logged (its class only, as
            // messages may quote input) and counted, and the live answers stand.
            metrics.shadowFailed(challenger, inputs.size());
            LOG.warnf("shadow scoring by %s@%s failed: %s", challenger.name(), challenger.version(), e.getClass().getName());
        } finally {
            MDC.clear();
        }
    }
}
