package com.crmscoring.training.churn;

import com.crmscoring.shared.churn.ChurnTable;
import com.crmscoring.shared.features.FeatureSource;
import com.crmscoring.training.publish.Fingerprint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * The churn training table ({@link ChurnTable}'s columns) read from the Parquet files the Spark job
 * writes, instead of building the rows from the order history in this JVM.
 *
 * <p>A table larger than {@code maxRows} is read as a stratified sample: exactly {@code maxRows}
 * rows, the churned share kept (to a row), each class drawn uniformly and without replacement
 * by selection sampling (Knuth's algorithm S) over a first pass that counts the classes. Only the
 * chosen rows are ever held, so the table's size on disk does not matter, only the sample's. The
 * model card states the sample and the table it came from.
 */
public final class ChurnFeatureTable {

    /**
     * Heap the churn trainer needs per row, all stages included (the row, a fold's Tribuo examples,
     * the scores). Measured by {@code TrainerScaleRun} (BENCHMARKS.md): with a 1 GB heap, 215,680
     * rows trained with at most 878 MB live after a collection, 4,070 bytes a row, and 862,720 rows
     * ran out of heap. A fifth more for safety.
     */
    public static final long HEAP_BYTES_PER_ROW = 5_000;

    private static final Map<String, Integer> NUMERIC_INDEX = new HashMap<>();

    static {
        for (int i = 0; i < ChurnTable.NUMERIC.size(); i++) {
            NUMERIC_INDEX.put(ChurnTable.NUMERIC.get(i), i);
        }
        if (ChurnTable.NUMERIC.size() > Long.SIZE) {
            throw new IllegalStateException("a row marks its missing values in one long");
        }
    }

    /** One customer's row, as compact as the trainer can hold millions of: the raw attributes and the label. */
    public static final class Row implements FeatureSource {
        private final String customerId;
        private final double[] numeric;
        /** Bit i set: the i-th numeric attribute is missing. */
        private final long missing;
        private final String country;
        private final boolean churned;

        Row(String customerId, double[] numeric, long missing, String country, boolean churned) {
            this.customerId = customerId;
            this.numeric = numeric;
            this.missing = missing;
            this.country = country;
            this.churned = churned;
        }

        public String customerId() {
            return customerId;
        }

        public boolean churned() {
            return churned;
        }

        @Override
        public Object value(String attribute) {
            Integer i = NUMERIC_INDEX.get(attribute);
            if (i != null) {
                return (missing & (1L << i)) != 0 ? null : numeric[i];
            }
            return ChurnTable.COUNTRY.equals(attribute) ? country : null;
        }
    }

    /**
     * What was read.
     *
     * @param rows          the rows held: all of the table's, or the stratified sample
     * @param tableRows     the table's rows
     * @param tableChurned  the table's churned rows
     * @param files         the Parquet files, in the order read
     * @param fingerprint   SHA-256 of the files and of the sampling that chose the rows
     */
    public record Read(List<Row> rows, long tableRows, long tableChurned, List<Path> files, String fingerprint) {

        public boolean sampled() {
            return rows.size() < tableRows;
        }

        public boolean[] labels() {
            boolean[] y = new boolean[rows.size()];
            for (int i = 0; i < y.length; i++) {
                y[i] = rows.get(i).churned();
            }
            return y;
        }

        /** What the card says about the rows: the table, and the sample when there is one. */
        public String description(long seed) {
            String table = String.format("%,d rows of the feature table %s (%,d Parquet file%s), %.1f %% churned", tableRows,
                    files.getFirst().getParent().getFileName(), files.size(), files.size() == 1 ? "" : "s", 100.0 * tableChurned / tableRows);
            return sampled()
                    ? String.format("a stratified sample of %,d of the %s: the churned share kept, each class drawn uniformly"
                            + " without replacement (seed %d)", rows.size(), table, seed)
                    : "all " + table;
        }
    }

    private ChurnFeatureTable() {
    }

    /** The most rows this JVM's heap trains on: its maximum heap at {@link #HEAP_BYTES_PER_ROW}. */
    public static long rowsTheHeapHolds() {
        return Math.max(2, Runtime.getRuntime().maxMemory() / HEAP_BYTES_PER_ROW);
    }

    /**
     * @param table   a folder of Parquet files (the job's {@code features/}) or one file
     * @param maxRows the most rows to hold; a larger table is sampled down to it
     * @param seed    the sample's seed
     * @throws IllegalArgumentException when there is no table, a file is not this table's form,
     *                                  or a row lacks its customer or label; never with a value in the message
     */
    public static Read read(Path table, long maxRows, long seed) throws IOException {
        if (maxRows < 2) {
            throw new IllegalArgumentException("the row limit must be at least 2, was " + maxRows);
        }
        List<Path> files = files(table);
        long[] perClass = new long[2];
        for (Path file : files) {
            scan(file, true, g -> perClass[label(g, file) ? 1 : 0]++);
        }
        long total = perClass[0] + perClass[1];
        if (total == 0) {
            throw new IllegalArgumentException("the feature table " + table + " has no rows");
        }
        // Exact quotas: the churned share of the sample is the table's, rounded, with one of each class kept.
        long churnedQuota = total <= maxRows ? perClass[1]
                : Math.min(perClass[1], Math.max(perClass[1] > 0 ? 1 : 0, Math.round((double) maxRows * perClass[1] / total)));
        long[] needed = {total <= maxRows ? perClass[0] : Math.min(perClass[0], maxRows - churnedQuota), churnedQuota};
        long[] left = perClass.clone();
        Random random = new Random(seed);
        List<Row> rows = new ArrayList<>((int) Math.min(Integer.MAX_VALUE - 8, needed[0] + needed[1]));
        for (Path file : files) {
            scan(file, false, g -> {
                int c = label(g, file) ? 1 : 0;
                // Algorithm S: keep this row with probability (still needed) / (still to come).
                if (random.nextDouble() * left[c] < needed[c]) {
                    rows.add(row(g, file));
                    needed[c]--;
                }
                left[c]--;
            });
        }
        String sampling = total <= maxRows ? "all rows" : "stratified sample of " + maxRows + ", seed " + seed;
        return new Read(Collections.unmodifiableList(rows), total, perClass[1], files, Fingerprint.of(files, sampling));
    }

    /** The table's Parquet files in name order (Spark's part numbers), without its markers and checksums. */
    private static List<Path> files(Path table) throws IOException {
        if (Files.isRegularFile(table)) {
            return List.of(table);
        }
        if (!Files.isDirectory(table)) {
            throw new IllegalArgumentException("no feature table at " + table);
        }
        try (Stream<Path> list = Files.list(table)) {
            List<Path> files = list.filter(p -> p.getFileName().toString().endsWith(".parquet") && Files.isRegularFile(p))
                    .sorted().toList();
            if (files.isEmpty()) {
                throw new IllegalArgumentException("no Parquet file (*.parquet) in " + table);
            }
            return files;
        }
    }

    private interface RowConsumer {
        void accept(Group row) throws IOException;
    }

    /** Reads every row of a file: its label only, or every column of the table. */
    private static void scan(Path file, boolean labelOnly, RowConsumer consumer) throws IOException {
        ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration()).build();
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file), options)) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            check(schema, file);
            MessageType projection = labelOnly ? new MessageType(schema.getName(), schema.getType(ChurnTable.LABEL)) : tableColumns(schema);
            reader.setRequestedSchema(projection);
            MessageColumnIO io = new ColumnIOFactory().getColumnIO(projection, schema);
            for (PageReadStore pages; (pages = reader.readNextRowGroup()) != null; ) {
                RecordReader<Group> records = io.getRecordReader(pages, new GroupRecordConverter(projection));
                for (long i = 0, n = pages.getRowCount(); i < n; i++) {
                    consumer.accept(records.read());
                }
            }
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            // Parquet's own failures (a truncated file, a corrupt page) name the file, not its data.
            throw new IllegalArgumentException(file.getFileName() + " is not a readable Parquet file: " + e.getClass().getSimpleName(), e);
        }
    }

    /** The table's columns as this file declares them (their repetition as written), in the contract's order. */
    private static MessageType tableColumns(MessageType schema) {
        List<Type> fields = new ArrayList<>();
        fields.add(schema.getType(ChurnTable.CUSTOMER_ID));
        ChurnTable.NUMERIC.forEach(name -> fields.add(schema.getType(name)));
        fields.add(schema.getType(ChurnTable.COUNTRY));
        fields.add(schema.getType(ChurnTable.LABEL));
        return new MessageType(schema.getName(), fields);
    }

    /** Every column the table must have, of the type the job writes; extra columns are ignored. */
    private static void check(MessageType schema, Path file) {
        expect(schema, file, ChurnTable.CUSTOMER_ID, PrimitiveTypeName.BINARY);
        ChurnTable.NUMERIC.forEach(name -> expect(schema, file, name, PrimitiveTypeName.DOUBLE));
        expect(schema, file, ChurnTable.COUNTRY, PrimitiveTypeName.BINARY);
        expect(schema, file, ChurnTable.LABEL, PrimitiveTypeName.BOOLEAN);
    }

    private static void expect(MessageType schema, Path file, String column, PrimitiveTypeName type) {
        if (!schema.containsField(column)) {
            throw new IllegalArgumentException(file.getFileName() + " is not the churn feature table: it has no column " + column);
        }
        Type t = schema.getType(column);
        if (!t.isPrimitive() || t.asPrimitiveType().getPrimitiveTypeName() != type || t.isRepetition(Type.Repetition.REPEATED)) {
            throw new IllegalArgumentException(file.getFileName() + ": column " + column + " must be a single " + type
                    + ", is " + t.toString().trim());
        }
    }

    private static boolean label(Group g, Path file) {
        if (g.getFieldRepetitionCount(ChurnTable.LABEL) == 0) {
            throw new IllegalArgumentException(file.getFileName() + ": a row has no " + ChurnTable.LABEL + " label");
        }
        return g.getBoolean(ChurnTable.LABEL, 0);
    }

    private static Row row(Group g, Path file) {
        if (g.getFieldRepetitionCount(ChurnTable.CUSTOMER_ID) == 0) {
            throw new IllegalArgumentException(file.getFileName() + ": a row has no " + ChurnTable.CUSTOMER_ID);
        }
        double[] numeric = new double[ChurnTable.NUMERIC.size()];
        long missing = 0;
        for (int i = 0; i < numeric.length; i++) {
            String name = ChurnTable.NUMERIC.get(i);
            if (g.getFieldRepetitionCount(name) == 0) {
                missing |= 1L << i;
            } else {
                numeric[i] = g.getDouble(name, 0);
            }
        }
        String country = g.getFieldRepetitionCount(ChurnTable.COUNTRY) == 0 ? null : g.getString(ChurnTable.COUNTRY, 0).intern();
        return new Row(g.getString(ChurnTable.CUSTOMER_ID, 0), numeric, missing, country, label(g, file));
    }
}
