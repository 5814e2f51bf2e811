package com.crmscoring.training.clv;

import com.crmscoring.shared.clv.BgNbd;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A transaction log summarised as the literature does for BG/NBD and Gamma-Gamma: purchases on
 * the same day are one transaction (their values summed), x counts the repeat transactions up to
 * the end of calibration, t_x and T are in weeks from the first one, and the spend model sees the
 * mean value of the repeat transactions only (the first is often atypical: Fader, Hardie &amp;
 * Lee 2005, "RFM and CLV").
 */
public final class PurchaseSummaries {

    /** One purchase: a customer, a day, a value. */
    public record Transaction(String customerId, LocalDate day, double value) {
    }

    /**
     * One customer at the end of calibration.
     *
     * @param meanRepeatValue mean value of the repeat transactions; NaN when there are none
     */
    public record Customer(String customerId, BgNbd.Summary summary, double meanRepeatValue) {
    }

    private PurchaseSummaries() {
    }

    /**
     * @param calibrationEnd the last day of calibration (inclusive); T runs to it
     */
    public static List<Customer> summarise(Collection<Transaction> transactions, LocalDate calibrationEnd) {
        Map<String, TreeMap<LocalDate, Double>> days = new LinkedHashMap<>();
        for (Transaction t : transactions) {
            days.computeIfAbsent(t.customerId(), k -> new TreeMap<>()).merge(t.day(), t.value(), Double::sum);
        }
        List<Customer> out = new ArrayList<>(days.size());
        for (Map.Entry<String, TreeMap<LocalDate, Double>> e : days.entrySet()) {
            TreeMap<LocalDate, Double> byDay = e.getValue();
            LocalDate first = byDay.firstKey();
            if (first.isAfter(calibrationEnd)) {
                continue;   // not yet a customer in calibration
            }
            var calibration = byDay.headMap(calibrationEnd, true);
            int x = calibration.size() - 1;
            double repeatValue = 0;
            for (double v : calibration.tailMap(first, false).values()) {
                repeatValue += v;
            }
            out.add(new Customer(e.getKey(), new BgNbd.Summary(x, weeks(first, calibration.lastKey()), weeks(first, calibrationEnd)),
                    x == 0 ? Double.NaN : repeatValue / x));
        }
        return out;
    }

    private static double weeks(LocalDate from, LocalDate to) {
        return ChronoUnit.DAYS.between(from, to) / 7.0;
    }
}
