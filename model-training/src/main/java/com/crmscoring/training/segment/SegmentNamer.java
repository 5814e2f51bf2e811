package com.crmscoring.training.segment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Derives a readable segment name from its centroid (standardised, so each coordinate is "how
 * many standard deviations from the average customer") and its medians in original units.
 * The rules are deliberately plain so a marketer can check them against the segment's numbers:
 * <ul>
 *   <li>recency: z below -0.5 "active", above 0.8 "lapsed", above 0.3 "lapsing", else "steady";</li>
 *   <li>value (total spend): z above 0.7 "high-value", below -0.5 "low-value", else "mid-value";</li>
 *   <li>frequency (median purchases): at most 1 "one-timers", at least 8 "regulars", else
 *       "occasional buyers"; a median tenure under 60 days makes them "new buyers".</li>
 * </ul>
 * Names that would repeat get the segment's most distinguishing attribute added.
 */
final class SegmentNamer {

    private SegmentNamer() {
    }

    static List<String> names(List<Map<String, Double>> centroidZ, List<Map<String, Double>> medians,
                              List<List<String>> distinguishing) {
        List<String> names = new ArrayList<>();
        for (int c = 0; c < centroidZ.size(); c++) {
            names.add(name(centroidZ.get(c), medians.get(c)));
        }
        Map<String, Integer> counts = new HashMap<>();
        names.forEach(n -> counts.merge(n, 1, Integer::sum));
        for (int c = 0; c < names.size(); c++) {
            if (counts.get(names.get(c)) > 1 && !distinguishing.get(c).isEmpty()) {
                names.set(c, names.get(c) + " (" + distinguishing.get(c).get(0) + ")");
            }
        }
        return names;
    }

    static String name(Map<String, Double> z, Map<String, Double> median) {
        double recency = z.getOrDefault("recencyDays", 0.0);
        String recencyWord = recency < -0.5 ? "active" : recency > 0.8 ? "lapsed" : recency > 0.3 ? "lapsing" : "steady";
        double value = z.getOrDefault("spendTotal", 0.0);
        String valueWord = value > 0.7 ? "high-value" : value < -0.5 ? "low-value" : "mid-value";
        double orders = median.getOrDefault("ordersTotal", 0.0);
        double tenure = median.getOrDefault("tenureDays", Double.MAX_VALUE);
        String frequencyWord = tenure < 60 ? "new buyers" : orders <= 1 ? "one-timers" : orders >= 8 ? "regulars" : "occasional buyers";
        return recencyWord + " " + valueWord + " " + frequencyWord;
    }
}
