package com.crmscoring.spark;

import com.crmscoring.shared.aggregates.CustomerHistory;
import com.crmscoring.shared.aggregates.ProfileBuilder;
import com.crmscoring.shared.churn.ChurnExamples;
import com.crmscoring.shared.domain.Order;
import com.crmscoring.shared.offers.OfferCatalogue;
import com.crmscoring.shared.retail.OnlineRetailReader;
import com.crmscoring.storage.profile.ProfileItemMapper;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.GzipCodec;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * The loader's work on a Spark cluster, for a history too large for one machine: the Online
 * Retail file's lines checked by the shared reader's rules, grouped into invoices by the shared
 * assembly (the first line names the customer), grouped again by customer, and each customer's
 * orders turned into the profile item the loader writes, by the shared {@link CustomerHistory}
 * and {@link ProfileItemMapper}. Nothing is rewritten in Spark SQL: the job only moves the
 * contract's own code to where the data is, so serving, training and the job cannot drift apart.
 *
 * <p>Writes {@code profiles/} (gzip-compressed DynamoDB JSON, one item per line: what DynamoDB's
 * import from S3 loads into a new table without consuming write capacity), {@code features/} (the
 * churn training table at a cut-off, in Parquet: {@link FeatureTable}, each row the shared
 * {@link ChurnExamples} the trainer builds) and {@code summary.json} (lines read, accepted,
 * rejected by reason; orders, customers, the largest customer's orders; the table's rows).
 *
 * <p>The file is read line by line: it holds one record per line (a quoted field spanning lines
 * would be rejected as malformed here, where the single-machine reader would join it).
 */
public final class ProfileJob {

    /**
     * What a run read and wrote.
     *
     * @param linesRead         records read, the header excluded
     * @param rejectedByReason  lines left out, by the reader's reasons
     * @param largestCustomerOrders the most orders of one customer: the skew one task must carry
     * @param featuresCutoff    the training table's cut-off: features from the orders before it
     * @param featureRows       its rows: the customers who had bought before it
     * @param churned           those of them with no purchase in the horizon after it
     */
    public record Summary(String input, String profilesAsOf, long linesRead, long linesAccepted, Map<String, Long> rejectedByReason,
                          long orders, long cancellations, long customers, long largestCustomerOrders, String featuresCutoff,
                          long featureRows, long churned) {

        public long linesRejected() {
            return rejectedByReason.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** An invoice's accepted lines of its first customer, in file order, and how many lines named another. */
    private record InvoiceLines(long firstPosition, List<JobLine> lines, int sharedLines) implements Serializable {

        Order order() {
            return OnlineRetailReader.assemble(lines.stream().map(JobLine::line).toList()).order();
        }
    }

    /** What the job makes of one customer: their order count, profile item, and training row (null when they had not bought by the cut-off). */
    private record Customer(int orders, String item, Row features) implements Serializable {
    }

    private ProfileJob() {
    }

    /** {@code spark-submit --class com.crmscoring.spark.ProfileJob crm-spark-job.jar <input> <output> [cut-off]} */
    public static void main(String[] args) throws IOException {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: ProfileJob <online-retail.csv[.gz] (any Hadoop path: s3://, file:)> <output folder>"
                    + " [training cut-off, an ISO-8601 instant; default: the end of the data less the churn horizon]");
            System.exit(2);
        }
        Instant cutoff = null;
        if (args.length == 3) {
            try {
                cutoff = Instant.parse(args[2]);
            } catch (java.time.format.DateTimeParseException e) {
                System.err.println("the cut-off must be an ISO-8601 instant such as 2011-09-10T00:00:00Z");
                System.exit(2);
            }
        }
        SparkSession spark = SparkSession.builder().appName("crm-profiles").getOrCreate();
        try {
            Summary summary = run(spark, args[0], args[1], cutoff);
            System.out.println(json().writeValueAsString(summary));
        } finally {
            spark.stop();
        }
    }

    /**
     * @param cutoff the training table's cut-off, or null for the trainer's: the end of the data less
     *               the churn horizon, so that the whole label window is observed
     * @throws IllegalArgumentException when the input does not start with the Online Retail header,
     *                                  or the data ends before the cut-off's label window does
     */
    public static Summary run(SparkSession spark, String input, String output, Instant cutoff) throws IOException {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        JavaPairRDD<String, Long> numbered = sc.textFile(input).zipWithIndex();
        Tuple2<String, Long> first = numbered.first();
        if (!JobLine.isHeader(first._1())) {
            throw new IllegalArgumentException(input + ": expected the Online Retail header " + OnlineRetailReader.header()
                    + " on its first line");
        }
        JavaRDD<JobLine> lines = numbered.filter(t -> t._2() > 0).map(t -> JobLine.of(t._1(), t._2()))
                .filter(l -> l != null).persist(StorageLevel.MEMORY_AND_DISK());

        // Invoices: their lines in file order; the first names the customer (the reader's rule).
        JavaRDD<InvoiceLines> invoices = lines.filter(JobLine::accepted).mapToPair(l -> new Tuple2<>(l.invoice(), l)).groupByKey()
                .map(g -> {
                    List<JobLine> all = new ArrayList<>();
                    g._2().forEach(all::add);
                    all.sort(Comparator.comparingLong(JobLine::position));
                    String customer = all.get(0).customerId();
                    List<JobLine> kept = all.stream().filter(l -> l.customerId().equals(customer)).toList();
                    return new InvoiceLines(all.get(0).position(), kept, all.size() - kept.size());
                }).persist(StorageLevel.MEMORY_AND_DISK());

        // The profiles' snapshot instant: the day after the latest order, as the loader has it.
        InvoiceLines latest = invoices.reduce((a, b) -> a.order().orderedAt().isAfter(b.order().orderedAt()) ? a : b);
        Instant asOf = ProfileBuilder.observationEnd(List.of(latest.order()));
        Instant featuresAt = cutoff != null ? cutoff : asOf.minus(ChurnExamples.HORIZON);
        if (asOf.isBefore(featuresAt.plus(ChurnExamples.HORIZON))) {
            throw new IllegalArgumentException("the data ends at " + asOf + ", before the label window " + featuresAt + " .. "
                    + featuresAt.plus(ChurnExamples.HORIZON) + " of the cut-off");
        }

        // Customers: their orders in file order (the loader's), so that the stored history's float
        // sums are added in the same order and the items are equal to the byte.
        JavaPairRDD<String, Iterable<InvoiceLines>> byCustomer = invoices
                .mapToPair(i -> new Tuple2<>(i.lines().get(0).customerId(), i)).groupByKey();
        JavaRDD<Customer> customersOut = byCustomer.mapPartitions(customers -> {
            OfferCatalogue catalogue = OfferCatalogue.loadDefault();
            ProfileItemMapper mapper = new ProfileItemMapper();
            List<Customer> out = new ArrayList<>();
            customers.forEachRemaining(c -> {
                List<InvoiceLines> theirs = new ArrayList<>();
                c._2().forEach(theirs::add);
                theirs.sort(Comparator.comparingLong(InvoiceLines::firstPosition));
                List<Order> orders = theirs.stream().map(InvoiceLines::order).toList();
                // The public data carries no consent flags: every imported customer starts opted in.
                String item = DynamoDbJson.line(mapper.toItem(c._1(), CustomerHistory.of(orders, null, catalogue), catalogue, false, asOf));
                Row features = ChurnExamples.of(c._1(), orders, featuresAt).map(x -> FeatureTable.row(c._1(), x)).orElse(null);
                out.add(new Customer(orders.size(), item, features));
            });
            return out.iterator();
        }).persist(StorageLevel.MEMORY_AND_DISK());
        customersOut.map(Customer::item).saveAsTextFile(output + "/profiles", GzipCodec.class);
        JavaRDD<Row> featureRows = customersOut.map(Customer::features).filter(r -> r != null);
        spark.createDataFrame(featureRows, FeatureTable.SCHEMA).write().mode(SaveMode.ErrorIfExists).parquet(output + "/features");

        Map<String, Long> rejected = new TreeMap<>(lines.filter(l -> !l.accepted()).mapToPair(l -> new Tuple2<>(l.rejection(), 1L))
                .reduceByKey(Long::sum).collectAsMap());
        long shared = invoices.map(i -> (long) i.sharedLines()).fold(0L, Long::sum);
        if (shared > 0) {
            rejected.merge(OnlineRetailReader.SHARED, shared, Long::sum);
        }
        long read = lines.count();
        long rejectedLines = rejected.values().stream().mapToLong(Long::longValue).sum();
        long cancellations = invoices.filter(i -> i.lines().get(0).invoice().startsWith("C")).count();
        long customers = customersOut.count();
        long largest = customers == 0 ? 0 : customersOut.map(Customer::orders).reduce(Math::max);
        long rows = featureRows.count();
        long churned = featureRows.filter(r -> r.getBoolean(FeatureTable.SCHEMA.fieldIndex(FeatureTable.LABEL))).count();
        Summary summary = new Summary(input, asOf.toString(), read, read - rejectedLines, rejected, invoices.count(), cancellations,
                customers, largest, featuresAt.toString(), rows, churned);
        Path summaryPath = new Path(output + "/summary.json");
        FileSystem fs = summaryPath.getFileSystem(sc.hadoopConfiguration());
        try (FSDataOutputStream out = fs.create(summaryPath, true)) {
            out.write(json().writeValueAsString(summary).getBytes(StandardCharsets.UTF_8));
        }
        lines.unpersist();
        invoices.unpersist();
        customersOut.unpersist();
        return summary;
    }

    private static ObjectMapper json() {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }
}
