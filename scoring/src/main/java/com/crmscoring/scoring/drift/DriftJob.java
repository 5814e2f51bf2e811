package com.crmscoring.scoring.drift;

import com.crmscoring.scoring.score.CustomerFeatureReader;
import com.crmscoring.scoring.score.CustomerFeatures;
import com.crmscoring.shared.orders.OrderFeatureSource;
import com.crmscoring.storage.orders.OrderStore;
import com.crmscoring.storage.profile.ProfileScan;
import com.crmscoring.storage.profile.StoredProfile;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The scheduled drift job: every profile, read with a bounded parallel scan, described at the
 * run's instant with the scorers' own feature code, and counted into each model's reference bins.
 * The model of orders (fraud screening) is watched over the orders of a recent window: for each
 * profile whose latest order falls in it, the customer's orders are read (one query, charged to
 * the scan's read rate) and each order of the window is described against the history before it,
 * by the code that built the model's training population, up to a number of orders enough for
 * the index ({@link OrderSource#DEFAULT_MAX_ORDERS}).
 */
public final class DriftJob {

    /** A run's report and what its scan read. */
    public record Result(DriftReport report, ProfileScan.Summary scan) {
    }

    /**
     * Where the orders of the models of orders come from.
     *
     * @param store     the orders table
     * @param window    how far back from the run's instant orders are compared
     * @param maxOrders how many orders are enough: once counted, no more customers' orders are read
     * @param zone      the shop's time zone (an order's hour of day is a fraud feature)
     */
    public record OrderSource(OrderStore store, Duration window, int maxOrders, ZoneId zone) {

        /**
         * Ten bins need a few thousand rows for a steady index, and a customer's orders are read with
         * their whole history: the bundled shop's month before Christmas cost 3,337 read units for
         * 2,682 orders (1.24 each), 4.5 times its profile scan (734). Without a bound a busy month
         * of a large shop would outrun the run; 5,000 orders cost about 6,200 units, 31 s at the
         * default rate.
         */
        public static final int DEFAULT_MAX_ORDERS = 5_000;

        public OrderSource {
            if (window.isNegative() || window.isZero() || maxOrders < 1) {
                throw new IllegalArgumentException("the order window and the number of orders must be positive: " + window
                        + ", " + maxOrders);
            }
        }
    }

    private DriftJob() {
    }

    /**
     * @param orders where the orders come from, or null when no model of orders is watched
     * @param at     the instant the customers are described at: the run's, so that a customer who has
     *               not bought for a year is compared as they are today, not as at their last order
     */
    public static Result run(ProfileScan scan, ProfileScan.Limits limits, CustomerFeatureReader features,
                             List<PopulationDrift.Watched> watched, OrderSource orders, Instant at) {
        PopulationDrift drift = new PopulationDrift(watched);
        boolean ordersWatched = watched.stream().anyMatch(PopulationDrift.Watched::readsOrders);
        if (ordersWatched && orders == null) {
            throw new IllegalArgumentException("a model of orders is watched but no orders table was given");
        }
        Instant since = ordersWatched ? at.minus(orders.window()) : null;
        AtomicLong screenedSoFar = new AtomicLong();
        ProfileScan.Summary summary = scan.scan(limits, page -> {
            List<CustomerFeatures> described = new ArrayList<>(page.size());
            long objected = 0;
            for (StoredProfile p : page) {
                // Art. 21 GDPR: not even described, let alone scored, if they objected to profiling.
                if (p.profilingOptOut()) {
                    objected++;
                } else {
                    described.add(features.at(p, at));
                }
            }
            drift.leftOut(objected);
            drift.add(described);
            return ordersWatched ? screenRecentOrders(page, orders, since, at, drift, screenedSoFar) : 0;
        });
        return new Result(drift.report(at, since, "training", ordersWatched && screenedSoFar.get() >= orders.maxOrders()), summary);
    }

    /**
     * Counts the page's customers' orders of {@code [since, at)}, until {@code maxOrders} are counted
     * in all; returns the read capacity it consumed. Stopping there keeps a fair sample: a scan
     * segment returns customers in the order of their key's hash, which has nothing to do with how
     * they buy.
     */
    private static double screenRecentOrders(List<StoredProfile> page, OrderSource orders, Instant since, Instant at,
                                             PopulationDrift drift, AtomicLong screenedSoFar) {
        double units = 0;
        List<OrderFeatureSource> screened = new ArrayList<>();
        for (StoredProfile p : page) {
            if (screenedSoFar.get() >= orders.maxOrders()) {
                break;
            }
            // The profile's latest order says whether any order can fall in the window, without
            // reading them: most customers are skipped for free.
            Instant latest = p.history() != null ? p.history().lastEventAt() : p.snapshotAsOf();
            if (latest != null && !latest.isBefore(since)) {
                OrderStore.OrdersRead read = orders.store().ordersForJob(p.customerId());
                units += read.readUnits();
                List<OrderFeatureSource> theirs = OrderFeatureSource.screened(p.customerId(), read.orders(), since, at, orders.zone());
                screenedSoFar.addAndGet(theirs.size());
                screened.addAll(theirs);
            }
        }
        if (!screened.isEmpty()) {
            drift.addOrders(screened);
        }
        return units;
    }
}
