package com.crmscoring.training.churn;

import com.crmscoring.shared.churn.ChurnTable;
import com.crmscoring.shared.features.FeatureSource;
import com.crmscoring.shared.features.ProfileFeatureSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * Writes churn rows as the Spark job's {@code features/} folder: part files of Spark's schema for
 * the table (the customer and the label required, every attribute optional, strings as UTF-8
 * binaries, doubles), snappy-compressed as Spark's default. The model-training build cannot run
 * Spark itself (XGBoost's Scala 2.12 beside Spark's 2.13), so its tests write the table this way.
 */
public final class ChurnTableWriter {

    public static final MessageType SPARK_SCHEMA;

    static {
        Types.MessageTypeBuilder b = Types.buildMessage();
        b.required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(ChurnTable.CUSTOMER_ID);
        ChurnTable.NUMERIC.forEach(name -> b.optional(PrimitiveTypeName.DOUBLE).named(name));
        b.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(ChurnTable.COUNTRY);
        b.required(PrimitiveTypeName.BOOLEAN).named(ChurnTable.LABEL);
        SPARK_SCHEMA = b.named("spark_schema");
    }

    /** One row to write: a customer, their attributes and label. */
    public record Line(String customerId, FeatureSource source, boolean churned) {
    }

    private ChurnTableWriter() {
    }

    public static List<Line> lines(List<ChurnDataset.Row> rows) {
        return rows.stream().map(r -> new Line(r.profile().customerId(), new ProfileFeatureSource(r.profile()), r.churned())).toList();
    }

    /** Writes the lines into {@code parts} part files of about equal size, in order. */
    public static void write(Path folder, List<Line> lines, int parts) throws IOException {
        Files.createDirectories(folder);
        int per = (lines.size() + parts - 1) / parts;
        for (int p = 0; p < parts; p++) {
            try (ParquetWriter<Group> w = open(folder.resolve(String.format("part-%05d-test.snappy.parquet", p)))) {
                for (Line line : lines.subList(Math.min(lines.size(), p * per), Math.min(lines.size(), (p + 1) * per))) {
                    w.write(group(line.customerId(), line.source(), line.churned()));
                }
            }
        }
        Files.writeString(folder.resolve("_SUCCESS"), "");
    }

    public static ParquetWriter<Group> open(Path file) throws IOException {
        return ExampleParquetWriter.builder(new LocalOutputFile(file)).withConf(new PlainParquetConfiguration()).withType(SPARK_SCHEMA)
                .withCompressionCodec(CompressionCodecName.SNAPPY).build();
    }

    public static Group group(String customerId, FeatureSource source, boolean churned) {
        Group g = new SimpleGroupFactory(SPARK_SCHEMA).newGroup();
        g.add(ChurnTable.CUSTOMER_ID, customerId);
        for (String name : ChurnTable.NUMERIC) {
            Object v = source.value(name);
            if (v != null) {
                g.add(name, ((Number) v).doubleValue());
            }
        }
        Object country = source.value(ChurnTable.COUNTRY);
        if (country != null) {
            g.add(ChurnTable.COUNTRY, country.toString());
        }
        g.add(ChurnTable.LABEL, churned);
        return g;
    }
}
