package com.crmscoring.spark;

import com.crmscoring.shared.domain.OrderLine;
import com.crmscoring.shared.retail.OnlineRetailReader;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * One line of the Online Retail file as the job carries it between stages: accepted (its invoice
 * line) or rejected (the reason), with its position in the file, which decides an invoice's first
 * line. The rules are the shared reader's ({@link OnlineRetailReader#parse}); this is only their
 * result in a form Spark can ship between machines.
 */
public record JobLine(long position, String rejection, String invoice, String customerId, String orderedAt, String country,
                      String stockCode, String description, int quantity, double unitPrice) implements Serializable {

    private static final List<String> HEADER = OnlineRetailReader.header();

    /**
     * @return the line, or null for a blank line (which the reader does not count either)
     */
    public static JobLine of(String text, long position) {
        List<CSVRecord> records;
        try (CSVParser parser = CSVParser.parse(text, CSVFormat.DEFAULT)) {
            records = parser.getRecords();
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            // An unterminated quote: the file holds one record per line, so this one is broken.
            return rejected(position, OnlineRetailReader.MALFORMED);
        }
        if (records.isEmpty()) {
            return null;
        }
        CSVRecord r = records.get(0);
        if (records.size() != 1 || r.size() != HEADER.size()) {
            return rejected(position, OnlineRetailReader.MALFORMED);
        }
        return of(name -> r.get(HEADER.indexOf(name)), position);
    }

    /** A line given its columns by header name (a Parquet row's, say). */
    public static JobLine of(java.util.function.Function<String, String> column, long position) {
        OnlineRetailReader.Parsed parsed = OnlineRetailReader.parse(column);
        if (parsed.line() == null) {
            return rejected(position, parsed.rejection());
        }
        OnlineRetailReader.Line l = parsed.line();
        return new JobLine(position, null, l.invoice(), l.customerId(), l.orderedAt().toString(), l.country(),
                l.orderLine().stockCode(), l.orderLine().description(), l.orderLine().quantity(), l.orderLine().unitPrice());
    }

    /** Whether {@code text} is the Online Retail header. */
    public static boolean isHeader(String text) {
        try (CSVParser parser = CSVParser.parse(text, CSVFormat.DEFAULT)) {
            List<CSVRecord> records = parser.getRecords();
            return records.size() == 1 && records.get(0).toList().equals(HEADER);
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            return false;
        }
    }

    private static JobLine rejected(long position, String reason) {
        return new JobLine(position, reason, null, null, null, null, null, null, 0, 0);
    }

    public boolean accepted() {
        return rejection == null;
    }

    /** The reader's form of the line. */
    public OnlineRetailReader.Line line() {
        return new OnlineRetailReader.Line(invoice, customerId, LocalDateTime.parse(orderedAt), country,
                new OrderLine(stockCode, description, quantity, unitPrice));
    }
}
