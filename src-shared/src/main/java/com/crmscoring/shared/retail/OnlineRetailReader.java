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
        Map<String, Builder> invoices = new LinkedHashMap<>();
        Map<String, Long> rejected = new TreeMap<>();
        long read = 0;
        long accepted = 0;
        try (CSVParser parser = CSVParser.parse(reader, format)) {
            if (!parser.getHeaderNames().equals(HEADER)) {
                throw new IOException(source + ": expected the Online Retail header " + HEADER + " but found " + parser.getHeaderNames());
            }
            for (CSVRecord r : parser) {
                read++;
                String reason = addLine(r, invoices);
                if (reason == null) {
                    accepted++;
                } else {
                    rejected.merge(reason, 1L, Long::sum);
                }
            }
        }
        List<Order> orders = new ArrayList<>(invoices.size());
        for (Builder b : invoices.values()) {
            orders.add(new Order(b.invoice, b.customerId, b.orderedAt.atZone(SHOP_ZONE).toInstant(), b.country,
                    b.invoice.startsWith("C"), b.lines));
        }
        return new Result(orders, read, accepted, rejected);
    }

    /** @return null when the line was added to its invoice, else the reason it was rejected */
    private static String addLine(CSVRecord r, Map<String, Builder> invoices) {
        if (!r.isConsistent()) {
            return "malformed line (wrong number of columns)";
        }
        String invoice = r.get("InvoiceNo").trim();
        String customerId = r.get("CustomerID").trim();
        if (invoice.isEmpty()) {
            return "no InvoiceNo";
        }
        if (customerId.isEmpty()) {
            return "no CustomerID (guest or internal line)";
        }
        if (customerId.endsWith(".0")) {
            customerId = customerId.substring(0, customerId.length() - 2);
        }
        if (invoice.startsWith("A")) {
            return "bad-debt adjustment invoice";
        }
        int quantity;
        double price;
        LocalDateTime at;
        try {
            quantity = Integer.parseInt(r.get("Quantity").trim());
        } catch (NumberFormatException e) {
            return "Quantity is not a whole number";
        }
        try {
            price = Double.parseDouble(r.get("UnitPrice").trim());
        } catch (NumberFormatException e) {
            return "UnitPrice is not a number";
        }
        try {
            at = LocalDateTime.parse(r.get("InvoiceDate").trim());
        } catch (DateTimeParseException e) {
            return "InvoiceDate is not an ISO-8601 date-time";
        }
        if (!Double.isFinite(price) || price < 0) {
            return "negative UnitPrice";
        }
        boolean cancellation = invoice.startsWith("C");
        if (cancellation != (quantity < 0)) {
            return cancellation ? "cancellation line with a positive Quantity" : "negative Quantity outside a cancellation";
        }
        if (quantity == 0) {
            return "zero Quantity";
        }
        String stockCode = r.get("StockCode").trim();
        if (stockCode.isEmpty()) {
            return "no StockCode";
        }
        Builder b = invoices.computeIfAbsent(invoice, k -> new Builder(invoice));
        if (b.customerId == null) {
            b.customerId = customerId;
            b.orderedAt = at;
            b.country = r.get("Country").trim();
        } else if (!b.customerId.equals(customerId)) {
            return "invoice shared by two customers";
        }
        b.lines.add(new OrderLine(stockCode, r.get("Description").trim(), quantity, price));
        return null;
    }

    private static final class Builder {
        final String invoice;
        final List<OrderLine> lines = new ArrayList<>();
        String customerId;
        LocalDateTime orderedAt;
        String country;

        Builder(String invoice) {
            this.invoice = invoice;
        }
    }
}
