package com.crmscoring.spark;

import com.crmscoring.shared.aggregates.CustomerHistory;
import com.crmscoring.shared.aggregates.ProfileBuilder;
import com.crmscoring.shared.churn.ChurnExamples;
import com.crmscoring.shared.domain.Order;
import com.crmscoring.shared.offers.OfferCatalogue;
import com.crmscoring.shared.retail.OnlineRetailReader;
import com.crmscoring.storage.orders.OrderItemMapper;
import com.crmscoring.storage.profile.ProfileItemMapper;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.GzipCodec;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * The loader's work on a Spark cluster, for a history too large for one machine: the orders read
 * by the shared contract's rules, grouped by customer, and each customer's orders turned into the
 * profile item the loader writes, by the shared {@link CustomerHistory} and
 * {@link ProfileItemMapper}, and into the churn training row, by the shared {@link ChurnExamples}.
 * Nothing is rewritten in Spark SQL: the job only moves the contract's own code to where the data
 * is, so serving, training and the job cannot drift apart.
 *
 * <p>It reads the shop's history in one of three forms ({@link Format}): the Online Retail CSV,
 * the same columns in Parquet, or a DynamoDB export of the orders table. It writes
 * {@code profiles/} (gzip-compressed DynamoDB JSON, one item per line: what DynamoDB's import from
 * S3 loads into a new table without consuming write capacity), {@code features/} (the churn
 * training table at a cut-off, in Parquet: {@link FeatureTable}) and {@code summary.json} (lines
 * read, accepted, rejected by reason; orders, customers, the largest customer's orders; the
 * table's rows).
 */
public final class ProfileJob {

    /** The forms of the shop's history the job reads. */
    public enum Format {
        /**
         * The Online Retail CSV, read line by line (the file holds one record per line: a quoted
         * field spanning lines is rejected as malformed here, where the single-machine reader would
         * join it). Lines are checked by the reader's rules and grouped into invoices by its
         * assembly: the first line names the customer.
         */
        CSV,
        /**
         * The same eight columns in Parquet, typed or not: numbers and timestamps are read as the
         * CSV writes them (a timestamp as the shop's local time, so write it without a zone, or set
         * {@code spark.sql.session.timeZone} to the shop's), then checked and grouped as the CSV's.
         */
        PARQUET,
        /**
         * A DynamoDB export of the orders table ({@code DYNAMODB_JSON}, the {@code data/} folder of
         * an export to S3): one order item per line, read by the orders table's own mapper.
         */
        DYNAMODB_EXPORT;

        static Format parse(String text) {
            return switch (text.toLowerCase(Locale.ROOT)) {
                case "csv" -> CSV;
                case "parquet" -> PARQUET;
                case "dynamodb-export" -> DYNAMODB_EXPORT;
                default -> throw new IllegalArgumentException("the format is csv, parquet or dynamodb-export, not " + text);
            };
        }
    }

    /**
     * What a run read and wrote.
     *
     * @param linesRead             records read (lines of the CSV, rows of the Parquet, items of the export), a header excluded
     * @param rejectedByReason      records left out, by the reader's (or the orders table's) reasons
     * @param largestCustomerOrders the most orders of one customer: the skew one task must carry
     * @param featuresCutoff        the training table's cut-off: features from the orders before it
     * @param featureRows           its rows: the customers who had bought before it
     * @param churned               those of them with no purchase in the horizon after it
     */
    public record Summary(String format, String input, String profilesAsOf, long linesRead, long linesAccepted,
                          Map<String, Long> rejectedByReason, long orders, long cancellations, long customers,
                          long largestCustomerOrders, String featuresCutoff, long featureRows, long churned) {

        public long linesRejected() {
            return rejectedByReason.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** An order, where it came in the input (a customer's orders are applied in that order), and lines left out of it. */
    private record Placed(long position, Order order, int sharedLines) implements Serializable {
    }

    /** What the job makes of one customer: their order count, profile item, and training row (null when they had not bought by the cut-off). */
    private record Customer(int orders, String item, Row features) implements Serializable {
    }

    /** The orders read, the records rejected (one reason each), and what the read cached (released at the end). */
    private record Read(JavaRDD<Placed> orders, JavaRDD<String> rejections, long records, JavaRDD<?> cached) {
    }

    private ProfileJob() {
    }

    /**
     * {@code spark-submit --class com.crmscoring.spark.ProfileJob crm-spark-job-job.jar <input> <output>
     * [--format=csv|parquet|dynamodb-export] [--cutoff=<instant>]}
     */
    public static void main(String[] args) throws IOException {
        Format format = Format.CSV;
        Instant cutoff = null;
        List<String> paths = new ArrayList<>();
        try {
            for (String a : args) {
                if (a.startsWith("--format=")) {
                    format = Format.parse(a.substring("--format=".length()));
                } else if (a.startsWith("--cutoff=")) {
                    cutoff = Instant.parse(a.substring("--cutoff=".length()));
                } else {
                    paths.add(a);
                }
            }
            if (paths.size() != 2) {
                throw new IllegalArgumentException("an input and an output are required");
            }
        } catch (IllegalArgumentException | DateTimeParseException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: ProfileJob <input (any Hadoop path: s3://, file:)> <output folder>"
                    + " [--format=csv|parquet|dynamodb-export] [--cutoff=<ISO-8601 instant; default: the end of the data less the"
                    + " churn horizon>]");
            System.exit(2);
        }
        SparkSession spark = SparkSession.builder().appName("crm-profiles").getOrCreate();
        try {
            Summary summary = run(spark, format, paths.get(0), paths.get(1), cutoff);
            System.out.println(json().writeValueAsString(summary));
        } finally {
            spark.stop();
        }
    }

    /**
     * @param cutoff the training table's cut-off, or null for the trainer's: the end of the data less
     *               the churn horizon, so that the whole label window is observed
     * @throws IllegalArgumentException when the input is not of its format (a CSV without the
     *                                  Online Retail header, a Parquet without its columns), holds
     *                                  no order, or ends before the cut-off's label window does
     */
    public static Summary run(SparkSession spark, Format format, String input, String output, Instant cutoff) throws IOException {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Read read = switch (format) {
            case CSV -> csv(sc, input);
            case PARQUET -> parquet(spark, input);
            case DYNAMODB_EXPORT -> dynamoDbExport(sc, input);
        };
        JavaRDD<Placed> placed = read.orders().persist(StorageLevel.MEMORY_AND_DISK());
        if (placed.isEmpty()) {
            throw new IllegalArgumentException(input + ": no order in it");
        }

        // The profiles' snapshot instant: the day after the latest order, as the loader has it.
        Instant latest = placed.map(p -> p.order().orderedAt()).reduce((a, b) -> a.isAfter(b) ? a : b);
        Instant asOf = ProfileBuilder.observationEnd(latest);
        Instant featuresAt = cutoff != null ? cutoff : asOf.minus(ChurnExamples.HORIZON);
        if (asOf.isBefore(featuresAt.plus(ChurnExamples.HORIZON))) {
            throw new IllegalArgumentException("the data ends at " + asOf + ", before the label window " + featuresAt + " .. "
                    + featuresAt.plus(ChurnExamples.HORIZON) + " of the cut-off");
        }

        // Each customer's orders in input order (the loader's, for the CSV), so that the stored
        // history's float sums are added in the same order and the items are equal to the byte.
        JavaRDD<Customer> customers = placed.mapToPair(p -> new Tuple2<>(p.order().customerId(), p)).groupByKey()
                .mapPartitions(group -> {
                    OfferCatalogue catalogue = OfferCatalogue.loadDefault();
                    ProfileItemMapper mapper = new ProfileItemMapper();
                    List<Customer> out = new ArrayList<>();
                    group.forEachRemaining(c -> {
                        List<Placed> theirs = new ArrayList<>();
                        c._2().forEach(theirs::add);
                        theirs.sort(Comparator.comparingLong(Placed::position).thenComparing(p -> p.order().orderedAt())
                                .thenComparing(p -> p.order().orderId()));
                        List<Order> orders = theirs.stream().map(Placed::order).toList();
                        // The public data carries no consent flags: every imported customer starts opted in.
                        String item = DynamoDbJson.line(mapper.toItem(c._1(), CustomerHistory.of(orders, null, catalogue), catalogue,
                                false, asOf));
                        Row features = ChurnExamples.of(c._1(), orders, featuresAt).map(x -> FeatureTable.row(c._1(), x)).orElse(null);
                        out.add(new Customer(orders.size(), item, features));
                    });
                    return out.iterator();
                }).persist(StorageLevel.MEMORY_AND_DISK());
        customers.map(Customer::item).saveAsTextFile(output + "/profiles", GzipCodec.class);
        JavaRDD<Row> featureRows = customers.map(Customer::features).filter(r -> r != null);
        spark.createDataFrame(featureRows, FeatureTable.SCHEMA).write().mode(SaveMode.ErrorIfExists).parquet(output + "/features");

        Map<String, Long> rejected = new TreeMap<>(read.rejections().mapToPair(r -> new Tuple2<>(r, 1L)).reduceByKey(Long::sum)
                .collectAsMap());
        long shared = placed.map(p -> (long) p.sharedLines()).fold(0L, Long::sum);
        if (shared > 0) {
            rejected.merge(OnlineRetailReader.SHARED, shared, Long::sum);
        }
        long rejectedRecords = rejected.values().stream().mapToLong(Long::longValue).sum();
        long customerCount = customers.count();
        long rows = featureRows.count();
        Summary summary = new Summary(format.name().toLowerCase(Locale.ROOT).replace('_', '-'), input, asOf.toString(), read.records(),
                read.records() - rejectedRecords, rejected, placed.count(), placed.filter(p -> p.order().cancellation()).count(),
                customerCount, customers.map(Customer::orders).reduce(Math::max), featuresAt.toString(), rows,
                featureRows.filter(r -> r.getBoolean(FeatureTable.SCHEMA.fieldIndex(FeatureTable.LABEL))).count());
        Path summaryPath = new Path(output + "/summary.json");
        FileSystem fs = summaryPath.getFileSystem(sc.hadoopConfiguration());
        try (FSDataOutputStream out = fs.create(summaryPath, true)) {
            out.write(json().writeValueAsString(summary).getBytes(StandardCharsets.UTF_8));
        }
        placed.unpersist();
        customers.unpersist();
        read.cached().unpersist();
        return summary;
    }

    private static Read csv(JavaSparkContext sc, String input) {
        JavaPairRDD<String, Long> numbered = sc.textFile(input).zipWithIndex();
        if (numbered.isEmpty() || !JobLine.isHeader(numbered.first()._1())) {
            throw new IllegalArgumentException(input + ": expected the Online Retail header " + OnlineRetailReader.header()
                    + " on its first line");
        }
        return invoices(numbered.filter(t -> t._2() > 0).map(t -> JobLine.of(t._1(), t._2())).filter(l -> l != null));
    }

    private static Read parquet(SparkSession spark, String input) {
        Dataset<Row> rows = spark.read().parquet(input);
        List<String> columns = List.of(rows.columns());
        if (!columns.containsAll(OnlineRetailReader.header())) {
            throw new IllegalArgumentException(input + ": expected the Online Retail columns " + OnlineRetailReader.header()
                    + " but found " + columns);
        }
        return invoices(rows.javaRDD().zipWithIndex().map(t -> JobLine.of(name -> text(t._1().getAs(name)), t._2())));
    }

    /** A Parquet value as the CSV writes it. */
    private static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof LocalDateTime local) {
            return local.toString();
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toLocalDateTime().toString();
        }
        return value.toString();
    }

    /** Checked lines into invoices: the reader's assembly, the first line naming the customer. */
    private static Read invoices(JavaRDD<JobLine> lines) {
        JavaRDD<JobLine> kept = lines.persist(StorageLevel.MEMORY_AND_DISK());
        JavaRDD<Placed> orders = kept.filter(JobLine::accepted).mapToPair(l -> new Tuple2<>(l.invoice(), l)).groupByKey().map(g -> {
            List<JobLine> all = new ArrayList<>();
            g._2().forEach(all::add);
            all.sort(Comparator.comparingLong(JobLine::position));
            OnlineRetailReader.Invoice invoice = OnlineRetailReader.assemble(all.stream().map(JobLine::line).toList());
            return new Placed(all.get(0).position(), invoice.order(), invoice.sharedLines());
        });
        return new Read(orders, kept.filter(l -> !l.accepted()).map(JobLine::rejection), kept.count(), kept);
    }

    private static Read dynamoDbExport(JavaSparkContext sc, String input) {
        JavaRDD<String> items = sc.textFile(input);
        // An item's place in the export says nothing about time: a customer's orders are applied
        // in time order (position 0 for all, then the order's instant and id).
        JavaRDD<Tuple2<Order, String>> parsed = items.map(line -> {
            try {
                return new Tuple2<>(new OrderItemMapper().fromItem(DynamoDbJson.item(line)), (String) null);
            } catch (IllegalArgumentException e) {
                return new Tuple2<>((Order) null, reason(e.getMessage()));
            }
        }).persist(StorageLevel.MEMORY_AND_DISK());
        long records = parsed.count();
        return new Read(parsed.filter(t -> t._1() != null).map(t -> new Placed(0, t._1(), 0)),
                parsed.filter(t -> t._1() == null).map(Tuple2::_2), records, parsed);
    }

    /**
     * A rejected export item's reason: the attribute at fault, never a value (the mapper's message
     * may quote one after a colon), and without list indices, so that reasons group.
     */
    static String reason(String message) {
        if (message == null || message.startsWith(DynamoDbJson.NOT_AN_ITEM)) {
            return DynamoDbJson.NOT_AN_ITEM;
        }
        String m = message.replaceAll("\\[\\d+]", "[]");
        int colon = m.indexOf(": ");
        return "not an order item: " + (colon > 0 ? m.substring(0, colon) + " is malformed" : m);
    }

    private static ObjectMapper json() {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }
}
