package com.crmscoring.scoring.drift;

import com.crmscoring.scoring.score.CustomerFeatures;
import com.crmscoring.shared.features.FeatureSource;
import com.crmscoring.shared.model.DriftReference;
import com.crmscoring.shared.model.OnnxModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Counts customers (and, for a model of orders, orders) into each watched model's reference bins,
 * a batch at a time and from several threads, then gives the population stability indices ({@link DriftReference#psi}). The bins,
 * the score and the index are {@link DriftReference}'s: the same code that cut the training
 * population at export.
 */
public final class PopulationDrift {

    /**
     * A model watched.
     *
     * @param model     the model, which scores the customers
     * @param input     what the model reads for a customer, or null for one it gives no score; null
     *                  too for a model of orders ({@link #orders})
     * @param reference the distributions compared with (the model file's own, or another population's)
     */
    public record Watched(OnnxModel model, Function<CustomerFeatures, FeatureSource> input, DriftReference reference) {

        /** A model that scores orders, not customers (fraud screening): counted by {@link #addOrders}. */
        public static Watched orders(OnnxModel model, DriftReference reference) {
            return new Watched(model, null, reference);
        }

        public boolean readsOrders() {
            return input == null;
        }
    }

    private final List<Watched> watched;
    private final List<Counts> counts = new ArrayList<>();
    private long customers;
    private long optedOut;
    private long orders;

    public PopulationDrift(List<Watched> watched) {
        this.watched = List.copyOf(watched);
        for (Watched w : watched) {
            counts.add(new Counts(w.reference()));
        }
    }

    /** Counts a batch of customers; those who objected to profiling are counted as left out, nothing more. */
    public void add(List<CustomerFeatures> batch) {
        List<CustomerFeatures> profiled = batch.stream().filter(c -> !c.profilingOptOut()).toList();
        List<Counts> local = new ArrayList<>(watched.size());
        for (Watched w : watched) {
            List<FeatureSource> inputs = new ArrayList<>(profiled.size());
            if (!w.readsOrders()) {
                for (CustomerFeatures customer : profiled) {
                    FeatureSource in = w.input().apply(customer);
                    if (in != null) {
                        inputs.add(in);
                    }
                }
            }
            local.add(count(w, inputs));
        }
        synchronized (this) {
            customers += profiled.size();
            optedOut += batch.size() - profiled.size();
            merge(local);
        }
    }

    /**
     * Counts a batch of orders, each read against its customer's history before it, for the models
     * of orders. Fraud screening covers every order, those of customers who objected to profiling
     * too (a legitimate interest, GDPR recital 47), so its drift is watched over the same orders.
     */
    public void addOrders(List<? extends FeatureSource> batch) {
        List<Counts> local = new ArrayList<>(watched.size());
        for (Watched w : watched) {
            local.add(count(w, w.readsOrders() ? List.copyOf(batch) : List.of()));
        }
        synchronized (this) {
            orders += batch.size();
            merge(local);
        }
    }

    private static Counts count(Watched w, List<FeatureSource> inputs) {
        Counts c = new Counts(w.reference());
        if (inputs.isEmpty()) {
            return c;
        }
        for (Map.Entry<String, DriftReference.Distribution> a : w.reference().attributes().entrySet()) {
            long[] bins = c.attributes.get(a.getKey());
            for (FeatureSource in : inputs) {
                bins[a.getValue().binOf(in.value(a.getKey()))]++;
            }
        }
        Object[] scores = DriftReference.scores(w.model(), w.model().batch(inputs), inputs.size());
        for (Object s : scores) {
            c.score[w.reference().score().binOf(s)]++;
        }
        c.rows = inputs.size();
        return c;
    }

    private void merge(List<Counts> local) {
        for (int i = 0; i < local.size(); i++) {
            counts.get(i).add(local.get(i));
        }
    }

    /** Counts customers left out before they were described (they objected to profiling). */
    public synchronized void leftOut(long objected) {
        optedOut += objected;
    }

    /**
     * The indices of what was counted.
     *
     * @param asOf        the instant the customers' features were computed at
     * @param ordersSince   the earliest order time counted for the models of orders, or null when none is watched
     * @param ordersSampled whether the orders counted are a sample of those since then, not all of them
     */
    public synchronized DriftReport report(Instant asOf, Instant ordersSince, String referenceName, boolean ordersSampled) {
        List<DriftReport.ModelDrift> models = new ArrayList<>();
        List<String> nothingToCompare = new ArrayList<>();
        for (int i = 0; i < watched.size(); i++) {
            DriftReference reference = watched.get(i).reference();
            Counts c = counts.get(i);
            if (c.rows == 0) {
                // An index over nobody would read as the largest possible shift: no index at all,
                // so that its alarm sees missing data, not drift.
                nothingToCompare.add(watched.get(i).model().metadata().name());
                continue;
            }
            List<DriftReport.Index> attributes = new ArrayList<>();
            for (Map.Entry<String, DriftReference.Distribution> a : reference.attributes().entrySet()) {
                attributes.add(index(a.getKey(), a.getValue(), c.attributes.get(a.getKey())));
            }
            models.add(new DriftReport.ModelDrift(watched.get(i).model().metadata().name(), watched.get(i).model().metadata().version(),
                    watched.get(i).readsOrders() ? "orders" : "customers", c.rows, index("score", reference.score(), c.score), attributes));
        }
        boolean ordersWatched = watched.stream().anyMatch(Watched::readsOrders);
        return new DriftReport(asOf.toString(), referenceName, customers, optedOut,
                ordersWatched && ordersSince != null ? ordersSince.toString() : null, orders, ordersSampled, models, nothingToCompare);
    }

    private static DriftReport.Index index(String name, DriftReference.Distribution expected, long[] counts) {
        double[] actual = DriftReference.shares(counts);
        return DriftReport.Index.of(name, DriftReference.psi(expected.shares(), actual), expected.labels(), expected.shares(), actual);
    }

    /** Bin counts of one model. */
    private static final class Counts {
        private final Map<String, long[]> attributes = new java.util.LinkedHashMap<>();
        private final long[] score;
        private long rows;

        Counts(DriftReference reference) {
            reference.attributes().forEach((name, d) -> attributes.put(name, new long[d.bins()]));
            score = new long[reference.score().bins()];
        }

        void add(Counts other) {
            attributes.forEach((name, bins) -> {
                long[] more = other.attributes.get(name);
                for (int i = 0; i < bins.length; i++) {
                    bins[i] += more[i];
                }
            });
            for (int i = 0; i < score.length; i++) {
                score[i] += other.score[i];
            }
            rows += other.rows;
        }
    }
}
