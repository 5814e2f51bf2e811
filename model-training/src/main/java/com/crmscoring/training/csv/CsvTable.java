package com.crmscoring.training.csv;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

/**
 * A whole CSV file in memory: header and rows of text. The delimiter ({@code ,} or {@code ;}) is
 * taken from the header line. A row with another number of fields than the header is refused
 * with its line number: a shifted column would silently corrupt a model.
 */
public record CsvTable(Path file, List<String> header, List<String[]> rows) {

    /** @throws IOException when the file is missing, empty, or has a malformed row */
    public static CsvTable read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such CSV file");
        }
        char delimiter;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = skipByteOrderMark(r).readLine();
            if (first == null || first.isBlank()) {
                throw new IOException(file + ": the file is empty; a header line is needed");
            }
            delimiter = count(first, ';') > count(first, ',') ? ';' : ',';
        }
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setHeader()
                .setSkipHeaderRecord(true).setIgnoreEmptyLines(true).setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW)
                .setAllowMissingColumnNames(true).get();   // e.g. an exported row index with an empty header
        try (Reader reader = skipByteOrderMark(Files.newBufferedReader(file, StandardCharsets.UTF_8));
             CSVParser parser = CSVParser.parse(reader, format)) {
            List<String> header = List.copyOf(parser.getHeaderNames());
            List<String[]> rows = new ArrayList<>();
            for (CSVRecord record : parser) {
                if (record.size() != header.size()) {
                    throw new IOException(file + ": line " + parser.getCurrentLineNumber() + " has " + record.size()
                            + " fields but the header has " + header.size());
                }
                rows.add(record.values());
            }
            if (rows.isEmpty()) {
                throw new IOException(file + ": the file has a header but no rows");
            }
            return new CsvTable(file, header, rows);
        } catch (IllegalArgumentException | IllegalStateException e) {
            // commons-csv reports a duplicate header or a broken quote this way
            throw new IOException(file + ": " + e.getMessage(), e);
        } catch (java.io.UncheckedIOException e) {
            throw new IOException(file + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    /**
     * Excel's "CSV UTF-8" starts files with a byte-order mark, which would otherwise become part
     * of the first column's name.
     */
    private static BufferedReader skipByteOrderMark(BufferedReader reader) throws IOException {
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
        return reader;
    }

    /** Index of a column, or -1. */
    public int column(String name) {
        return header.indexOf(name);
    }

    private static int count(String s, char c) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }
}
