package com.crmscoring.shared.aggregates;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * {@link CustomerHistory} as bytes for a DynamoDB binary attribute: a format version, then the
 * fields in a fixed order, deflated. Times are epoch milliseconds; a missing time is
 * {@code Long.MIN_VALUE}. Decoding refuses another format version rather than guessing.
 */
public final class HistoryCodec {

    /** Bumped whenever the layout changes; a reader refuses what it does not know. */
    static final int FORMAT = 1;
    private static final long NONE = Long.MIN_VALUE;

    private HistoryCodec() {
    }

    public static byte[] encode(CustomerHistory h) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(new DeflaterOutputStream(bytes))) {
            write(h, out);
        } catch (IOException e) {
            throw new UncheckedIOException("a history cannot be written to memory", e);
        }
        return bytes.toByteArray();
    }

    /** @throws IllegalArgumentException when the bytes are not a history of this format */
    public static CustomerHistory decode(byte[] data) {
        try (DataInputStream in = new DataInputStream(new InflaterInputStream(new ByteArrayInputStream(data)))) {
            int format = in.readUnsignedByte();
            if (format != FORMAT) {
                throw new IllegalArgumentException("history format " + format + " is not " + FORMAT);
            }
            Set<String> ids = strings(in);
            Set<String> codes = strings(in);
            Map<String, Double> familySpend = new TreeMap<>();
            Map<String, Instant> familyLast = new TreeMap<>();
            List<CustomerHistory.Recent> recent = new ArrayList<>();
            CustomerHistory h = new CustomerHistory(ids, codes, familySpend, familyLast, recent);
            h.purchases = in.readInt();
            h.cancellations = in.readInt();
            h.totalLines = in.readDouble();
            h.spendTotal = in.readDouble();
            h.cancelledValue = in.readDouble();
            h.firstPurchaseAt = instant(in.readLong());
            h.lastPurchaseAt = instant(in.readLong());
            h.lastEventAt = instant(in.readLong());
            h.country = in.readUTF();
            h.countryAt = instant(in.readLong());
            h.lineSpend = in.readDouble();
            int families = in.readInt();
            for (int i = 0; i < families; i++) {
                String id = in.readUTF();
                familySpend.put(id, in.readDouble());
                long last = in.readLong();
                if (last != NONE) {
                    familyLast.put(id, Instant.ofEpochMilli(last));
                }
            }
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                recent.add(new CustomerHistory.Recent(Instant.ofEpochMilli(in.readLong()), in.readDouble(), in.readBoolean()));
            }
            return h;
        } catch (IOException e) {
            throw new IllegalArgumentException("not a stored customer history: " + e.getMessage(), e);
        }
    }

    private static void write(CustomerHistory h, DataOutputStream out) throws IOException {
        out.writeByte(FORMAT);
        strings(out, h.orderIds);
        strings(out, h.stockCodes);
        out.writeInt(h.purchases);
        out.writeInt(h.cancellations);
        out.writeDouble(h.totalLines);
        out.writeDouble(h.spendTotal);
        out.writeDouble(h.cancelledValue);
        out.writeLong(millis(h.firstPurchaseAt));
        out.writeLong(millis(h.lastPurchaseAt));
        out.writeLong(millis(h.lastEventAt));
        out.writeUTF(h.country);
        out.writeLong(millis(h.countryAt));
        out.writeDouble(h.lineSpend);
        Set<String> families = new TreeSet<>(h.familySpend.keySet());
        families.addAll(h.familyLast.keySet());
        out.writeInt(families.size());
        for (String id : families) {
            out.writeUTF(id);
            out.writeDouble(h.familySpend.getOrDefault(id, 0.0));
            out.writeLong(millis(h.familyLast.get(id)));
        }
        List<CustomerHistory.Recent> recent = new ArrayList<>(h.recent);
        recent.sort(java.util.Comparator.comparing(CustomerHistory.Recent::at).thenComparing(CustomerHistory.Recent::cancellation));
        out.writeInt(recent.size());
        for (CustomerHistory.Recent r : recent) {
            out.writeLong(r.at().toEpochMilli());
            out.writeDouble(r.amount());
            out.writeBoolean(r.cancellation());
        }
    }

    private static void strings(DataOutputStream out, Set<String> values) throws IOException {
        out.writeInt(values.size());
        for (String v : new TreeSet<>(values)) {
            out.writeUTF(v);
        }
    }

    private static Set<String> strings(DataInputStream in) throws IOException {
        int n = in.readInt();
        Set<String> out = new TreeSet<>();
        for (int i = 0; i < n; i++) {
            out.add(in.readUTF());
        }
        return out;
    }

    private static long millis(Instant t) {
        return t == null ? NONE : t.toEpochMilli();
    }

    private static Instant instant(long millis) {
        return millis == NONE ? null : Instant.ofEpochMilli(millis);
    }
}
