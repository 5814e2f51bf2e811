package com.crmscoring.shared.retail;

import com.crmscoring.shared.domain.Order;
import com.crmscoring.shared.domain.OrderLine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads the UCI "Online Retail" export (one line per invoice line, columns {@code InvoiceNo,
 * StockCode, Description, Quantity, InvoiceDate, UnitPrice, CustomerID, Country}) into orders.
 *
 * <p>Every line either becomes part of an order or is counted under a rejection reason; nothing
 * is dropped silently. Invoices whose number starts with {@code C} are cancellations and are
 * kept as cancellation orders. Invoice dates are the shop's local time (Europe/London).
 */
public final class OnlineRetailReader {

    /** The shop is in the UK; its export has local times without a zone. */
    public static final ZoneId SHOP_ZONE = ZoneId.of("Europe/London");

    private static final List<String> HEADER = List.of(
            "InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID", "Country");

    /** What the reader made of a file. */
    public record Result(List<Order> orders, long linesRead, long linesAccepted, Map<String, Long> rejected) {

        public long linesRejected() {
            return rejected.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * @param file a CSV file, gzip-compressed when its name ends in {@code .gz}
     * @throws IOException when the file cannot be read or its header is not the Online Retail header
     */
    public Result read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such data file");
        }
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
             Reader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
            return read(reader, file.toString());
        }
    }

    Result read(Reader reader, String source) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        Map<String, List<Line>> invoices = new LinkedHashMap<>();
        Map<String, Long> rejected = new TreeMap<>();
        long read = 0;
        try (CSVParser parser = CSVParser.parse(reader, format)) {
            if (!parser.getHeaderNames().equals(HEADER)) {
                throw new IOException(source + ": expected the Online Retail header " + HEADER + " but found " + parser.getHeaderNames());
            }
            for (CSVRecord r : parser) {
                read++;
                Parsed parsed = r.isConsistent() ? parse(r::get) : Parsed.rejected(MALFORMED);
                if (parsed.line() == null) {
                    rejected.merge(parsed.rejection(), 1L, Long::sum);
                } else {
                    invoices.computeIfAbsent(parsed.line().invoice(), k -> new ArrayList<>()).add(parsed.line());
                }
            }
        }
        List<Order> orders = new ArrayList<>(invoices.size());
        long accepted = 0;
        for (List<Line> lines : invoices.values()) {
            Invoice invoice = assemble(lines);
            orders.add(invoice.order());
            accepted += invoice.order().lines().size();
            if (invoice.sharedLines() > 0) {
                rejected.merge(SHARED, (long) invoice.sharedLines(), Long::sum);
            }
        }
        return new Result(orders, read, accepted, rejected);
    }

    /** The rejection of a line whose number of columns is not the header's. */
    public static final String MALFORMED = "malformed line (wrong number of columns)";
    /** The rejection of an invoice's line whose customer is not the invoice's first line's. */
    public static final String SHARED = "invoice shared by two customers";

    /**
     * One line of the file that passed every check: what it adds to its invoice.
     *
     * @param orderedAt the shop's local time, as written
     */
    public record Line(String invoice, String customerId, LocalDateTime orderedAt, String country, OrderLine orderLine) {
    }

    /** A line, or the reason it was rejected. */
    public record Parsed(Line line, String rejection) {

        static Parsed rejected(String reason) {
            return new Parsed(null, reason);
        }
    }

    /** An invoice's order, and how many of its lines were left out for naming another customer than its first. */
    public record Invoice(Order order, int sharedLines) {
    }

    /** The file's columns, in order. */
    public static List<String> header() {
        return HEADER;
    }

    /**
     * Checks one line of the file, given its columns by header name. The one definition of a valid
     * line, for this reader and for jobs that read the file in parallel.
     */
    public static Parsed parse(Function<String, String> column) {
        String invoice = trimmed(column, "InvoiceNo");
        String customerId = trimmed(column, "CustomerID");
        if (invoice.isEmpty()) {
            return Parsed.rejected("no InvoiceNo");
        }
        if (customerId.isEmpty()) {
            return Parsed.rejected("no CustomerID (guest or internal line)");
        }
        if (customerId.endsWith(".0")) {
            customerId = customerId.substring(0, customerId.length() - 2);
        }
        if (invoice.startsWith("A")) {
            return Parsed.rejected("bad-debt adjustment invoice");
        }
        int quantity;
        double price;
        LocalDateTime at;
        try {
            quantity = Integer.parseInt(trimmed(column, "Quantity"));
        } catch (NumberFormatException e) {
            return Parsed.rejected("Quantity is not a whole number");
        }
        try {
            price = Double.parseDouble(trimmed(column, "UnitPrice"));
        } catch (NumberFormatException e) {
            return Parsed.rejected("UnitPrice is not a number");
        }
        try {
            at = LocalDateTime.parse(trimmed(column, "InvoiceDate"));
        } catch (DateTimeParseException e) {
            return Parsed.rejected("InvoiceDate is not an ISO-8601 date-time");
        }
        if (!Double.isFinite(price) || price < 0) {
            return Parsed.rejected("negative UnitPrice");
        }
        boolean cancellation = invoice.startsWith("C");
        if (cancellation != (quantity < 0)) {
            return Parsed.rejected(cancellation ? "cancellation line with a positive Quantity" : "negative Quantity outside a cancellation");
        }
        if (quantity == 0) {
            return Parsed.rejected("zero Quantity");
        }
        String stockCode = trimmed(column, "StockCode");
        if (stockCode.isEmpty()) {
            return Parsed.rejected("no StockCode");
        }
        return new Parsed(new Line(invoice, customerId, at, trimmed(column, "Country"),
                new OrderLine(stockCode, trimmed(column, "Description"), quantity, price)), null);
    }

    /**
     * An invoice's order from its valid lines, in file order: the first line names the customer, the
     * time and the country; a later line naming another customer is left out.
     */
    public static Invoice assemble(List<Line> inFileOrder) {
        Line first = inFileOrder.get(0);
        List<OrderLine> lines = new ArrayList<>(inFileOrder.size());
        int shared = 0;
        for (Line l : inFileOrder) {
            if (l.customerId().equals(first.customerId())) {
                lines.add(l.orderLine());
            } else {
                shared++;
            }
        }
        return new Invoice(new Order(first.invoice(), first.customerId(), first.orderedAt().atZone(SHOP_ZONE).toInstant(),
                first.country(), first.invoice().startsWith("C"), lines), shared);
    }

    private static String trimmed(Function<String, String> column, String name) {
        String v = column.apply(name);
        return v == null ? "" : v.trim();
    }
}
