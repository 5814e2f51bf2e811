package com.crmscoring.storage.profile;

import com.crmscoring.shared.domain.CustomerAttributes;
import com.crmscoring.storage.DependencyUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * Reads every profile of the table with DynamoDB's parallel scan, for jobs over the whole customer
 * base (the drift report), bounded so that it cannot starve the scorers' reads: a fixed number of
 * segments read by a fixed number of threads, pages of a fixed size, and the capacity the scan
 * consumes (as DynamoDB reports it), with what the job itself reads for each page, held below a
 * rate, by waiting between pages.
 */
public final class ProfileScan {

    /**
     * @param segments           the scan's total segments (DynamoDB splits the key space this many ways)
     * @param threads            how many segments are read at once
     * @param pageSize           the most items one Scan request returns
     * @param readUnitsPerSecond the average read capacity the whole scan may consume
     */
    public record Limits(int segments, int threads, int pageSize, double readUnitsPerSecond) {

        public Limits {
            if (segments < 1 || threads < 1 || pageSize < 1 || !(readUnitsPerSecond > 0)) {
                throw new IllegalArgumentException("scan limits must be positive: " + segments + " segments, " + threads
                        + " threads, pages of " + pageSize + ", " + readUnitsPerSecond + " RCU/s");
            }
        }

        /** Four segments on two threads, pages of 100, 200 RCU/s: a daily job beside live traffic. */
        public static Limits gentle() {
            return new Limits(4, 2, 100, 200);
        }
    }

    /**
     * What a job does with a page of profiles. It is called from several threads at once.
     */
    @FunctionalInterface
    public interface PageJob {

        /** @return the read capacity the job consumed itself for this page (0 for none), charged to the scan's rate */
        double process(List<StoredProfile> page);
    }

    /**
     * What a scan read: profiles handed on, erased markers skipped, pages, the capacity it and its
     * job consumed, how long it took.
     */
    public record Summary(long profiles, long erased, long pages, double readUnits, Duration elapsed) {
    }

    private static final ProfileItemMapper MAPPER = new ProfileItemMapper();

    private final DynamoDbClient dynamo;
    private final String table;

    public ProfileScan(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /**
     * Hands every profile on, a page at a time.
     *
     * @throws DependencyUnavailableException when the table cannot be read
     */
    public Summary scan(Limits limits, PageJob job) {
        long start = System.nanoTime();
        Budget budget = new Budget(limits.readUnitsPerSecond(), start);
        AtomicLong profiles = new AtomicLong();
        AtomicLong erased = new AtomicLong();
        AtomicLong pageCount = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(limits.threads(), limits.segments()), r -> {
            Thread t = new Thread(r, "profile-scan");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> segments = new ArrayList<>();
            for (int s = 0; s < limits.segments(); s++) {
                int segment = s;
                segments.add(pool.submit(() -> {
                    Map<String, AttributeValue> from = null;
                    do {
                        Map<String, AttributeValue> startKey = from;
                        ScanResponse page;
                        try {
                            page = dynamo.scan(b -> b.tableName(table).segment(segment).totalSegments(limits.segments())
                                    .limit(limits.pageSize()).exclusiveStartKey(startKey)
                                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
                        } catch (SdkException e) {
                            throw new DependencyUnavailableException("profiles table " + table + " could not be scanned: " + e.getMessage(), e);
                        }
                        List<StoredProfile> read = new ArrayList<>(page.count());
                        for (Map<String, AttributeValue> item : page.items()) {
                            if (item.containsKey(ProfileItemAttributes.ERASED_AT) || !item.containsKey(CustomerAttributes.CUSTOMER_ID)) {
                                erased.incrementAndGet();
                            } else {
                                read.add(MAPPER.stored(item));
                            }
                        }
                        pageCount.incrementAndGet();
                        profiles.addAndGet(read.size());
                        double jobUnits = read.isEmpty() ? 0 : job.process(read);
                        // DynamoDB reports the capacity a page consumed; where it does not (DynamoDB
                        // Local may not), half a unit per item: an eventually consistent read of up to 4 KB.
                        double units = page.consumedCapacity() != null && page.consumedCapacity().capacityUnits() != null
                                ? page.consumedCapacity().capacityUnits() : 0.5 * page.count();
                        budget.spend(units + jobUnits);
                        from = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
                    } while (from != null);
                    return null;
                }));
            }
            for (Future<?> f : segments) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    throw new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new DependencyUnavailableException("interrupted while scanning profiles", e);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return new Summary(profiles.get(), erased.get(), pageCount.get(), budget.spent(), Duration.ofNanos(System.nanoTime() - start));
    }

    /** The capacity consumed so far, and the waiting that keeps its average below the rate. */
    private static final class Budget {
        private final double perSecond;
        private final long start;
        private double spent;

        Budget(double perSecond, long start) {
            this.perSecond = perSecond;
            this.start = start;
        }

        void spend(double units) {
            long waitNanos;
            synchronized (this) {
                spent += units;
                waitNanos = (long) (spent / perSecond * 1e9) - (System.nanoTime() - start);
            }
            if (waitNanos > 0) {
                try {
                    Thread.sleep(Duration.ofNanos(waitNanos));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new DependencyUnavailableException("interrupted while scanning profiles", e);
                }
            }
        }

        synchronized double spent() {
            return spent;
        }
    }
}
