package com.crmscoring.spark;

import com.crmscoring.shared.retail.OnlineRetailReader;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * A larger shop made from the real one, for measuring the job at scale: {@code factor} copies of
 * the Online Retail file, copy 0 as it is and copy k with every customer given a new id and every
 * invoice a new number, and its dates moved back by a whole number of weeks (0 to 26, fixed per
 * copy), so that weekdays and hours keep their pattern and the end of the data stays where it is.
 * Each copy's customers behave as the real ones did, at other times: the same skew, the same
 * rejections per copy. Written as plain CSV, which Hadoop splits across tasks (gzip it cannot).
 */
public final class SyntheticHistory {

    private SyntheticHistory() {
    }

    /** {@code SyntheticHistory <online-retail.csv.gz> <factor> <out.csv>} */
    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: SyntheticHistory <online-retail.csv[.gz]> <factor> <out.csv>");
            System.exit(2);
        }
        long lines = write(Path.of(args[0]), Integer.parseInt(args[1]), Path.of(args[2]));
        System.out.printf("%,d lines written to %s%n", lines, args[2]);
    }

    /** The weeks copy {@code k} is moved back by. */
    static int weeksBack(int copy) {
        return copy == 0 ? 0 : (int) ((copy * 7919L) % 27);
    }

    /** @return the records written, the header excluded */
    public static long write(Path source, int factor, Path out) throws IOException {
        if (factor < 1) {
            throw new IllegalArgumentException("the factor must be at least 1: " + factor);
        }
        List<CSVRecord> records = new ArrayList<>();
        try (InputStream raw = Files.newInputStream(source);
             InputStream in = source.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
             CSVParser parser = CSVParser.parse(reader, CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
            if (!parser.getHeaderNames().equals(OnlineRetailReader.header())) {
                throw new IOException(source + ": not the Online Retail header");
            }
            parser.forEach(records::add);
        }
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        long written = 0;
        try (Writer w = new BufferedWriter(Files.newBufferedWriter(tmp, StandardCharsets.UTF_8), 1 << 20);
             CSVPrinter printer = new CSVPrinter(w, CSVFormat.DEFAULT)) {
            printer.printRecord(OnlineRetailReader.header());
            String[] row = new String[OnlineRetailReader.header().size()];
            for (int copy = 0; copy < factor; copy++) {
                int weeks = weeksBack(copy);
                for (CSVRecord r : records) {
                    for (int i = 0; i < row.length; i++) {
                        row[i] = r.get(i);
                    }
                    if (copy > 0) {
                        row[0] = row[0].isBlank() ? row[0] : row[0] + "-" + copy;
                        String customer = row[6].trim();
                        row[6] = customer.isEmpty() ? customer : copy + "-" + customer;
                        try {
                            row[4] = LocalDateTime.parse(row[4].trim()).minusWeeks(weeks).toString();
                        } catch (DateTimeParseException e) {
                            // A malformed date stays malformed: the copy is rejected for the same reason.
                        }
                    }
                    printer.printRecord((Object[]) row);
                    written++;
                }
            }
        }
        Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return written;
    }
}
