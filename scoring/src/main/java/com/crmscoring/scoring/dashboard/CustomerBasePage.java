package com.crmscoring.scoring.dashboard;

import com.crmscoring.scoring.score.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The customer-base dashboard as one self-contained HTML page: inline CSS and SVG, no script, no
 * request for anything, so that it opens offline and can be mailed or archived as it is.
 */
public final class CustomerBasePage {

    /** One colour per life-cycle stage, in life-cycle order (ACQUISITION to TERMINATION). */
    private static final List<String> STAGE_COLOURS = List.of("#9ecae1", "#31a354", "#3182bd", "#fd8d3c", "#de2d26");
    private static final Map<String, String> BAND_COLOURS = Map.of("high", "#de2d26", "medium", "#fd8d3c", "low", "#31a354");
    static final int WIDTH = 760;
    static final int LABEL = 250;
    static final int BAR = 22;

    private CustomerBasePage() {
    }

    public static String render(CustomerBaseReport r) {
        StringBuilder h = new StringBuilder(64 * 1024);
        head(h, "Customer base at " + r.at());
        h.append("<h1>Customer base</h1>\n<p class=\"muted\">Scored for <b id=\"as-of\">").append(esc(r.at()))
                .append("</b> by the production scorers; movement since ").append(esc(r.since())).append(". Models: ")
                .append(r.models().entrySet().stream().map(e -> esc(e.getKey()) + " <code>" + esc(e.getValue()) + "</code>")
                        .collect(Collectors.joining(", ")))
                .append(".</p>\n");
        double atRisk = r.riskBands().stream().mapToDouble(CustomerBaseReport.RiskBand::valueAtRisk).sum();
        double value = r.riskBands().stream().mapToDouble(CustomerBaseReport.RiskBand::expectedSpend).sum();
        h.append("<div class=\"kpis\">")
                .append(kpi("customers shown", count(r.included()), "kpi-included"))
                .append(kpi("left out: opted out of profiling", count(r.optedOut()), "kpi-opted-out"))
                .append(kpi("left out: no purchase yet", count(r.noPurchase()), "kpi-no-purchase"))
                .append(kpi("forecast spend, next 90 days", money(value), "kpi-value"))
                .append(kpi("of which at risk of churn", money(atRisk) + " (" + percent(value == 0 ? 0 : atRisk / value) + ")", "kpi-at-risk"))
                .append("</div>\n");

        segments(h, r);
        movement(h, r);
        risk(h, r);
        saveList(h, r);
        offers(h, r);
        h.append("<p class=\"muted\">Opted-out customers are counted and nothing else about them is shown. The save list holds"
                + " customer ids only: look them up in the CRM.</p>\n</body></html>\n");
        return h.toString();
    }

    /** The page's head and the opening of its body: the same look for every page (this, the drift report). */
    static void head(StringBuilder h, String title) {
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                // An empty icon: otherwise the browser asks the server for /favicon.ico.
                .append("<link rel=\"icon\" href=\"data:,\">")
                .append("<title>").append(esc(title)).append("</title><style>")
                .append("body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:2rem auto;max-width:1100px;color:#222;padding:0 1rem}")
                .append("h1{margin-bottom:.2rem}h2{margin-top:2.2rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}")
                .append("table{border-collapse:collapse;margin:.6rem 0;font-size:.92rem}")
                .append("th,td{border:1px solid #ddd;padding:.3rem .55rem;text-align:right;vertical-align:top}")
                .append("th{background:#f5f5f5}td.l,th.l{text-align:left}.muted{color:#666;font-size:.9rem}")
                .append(".kpis{display:flex;gap:1rem;flex-wrap:wrap;margin:1rem 0}.kpi{border:1px solid #ddd;border-radius:6px;padding:.6rem 1rem}")
                .append(".kpi b{display:block;font-size:1.4rem}svg text{font-size:12px;fill:#222}")
                .append("</style></head><body>\n");
    }

    private static void segments(StringBuilder h, CustomerBaseReport r) {
        h.append("<h2>Segments and life-cycle stages</h2>\n");
        List<String> labels = r.segments().stream().map(CustomerBaseReport.SegmentRow::segment).toList();
        List<double[]> stacks = r.segments().stream().map(s -> s.byStage().stream().mapToDouble(Integer::doubleValue).toArray()).toList();
        h.append(stackedBars("chart-segments", labels, stacks, STAGE_COLOURS, r.stages(), CustomerBasePage::count));
        h.append("<table id=\"segments\"><tr><th class=\"l\">segment</th>");
        r.stages().forEach(s -> h.append("<th>").append(esc(stage(s))).append("</th>"));
        h.append("<th>all</th></tr>\n");
        for (CustomerBaseReport.SegmentRow s : r.segments()) {
            h.append("<tr><td class=\"l\">").append(esc(s.segment())).append("</td>");
            s.byStage().forEach(n -> h.append("<td>").append(count(n)).append("</td>"));
            h.append("<td><b>").append(count(s.total())).append("</b></td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void movement(StringBuilder h, CustomerBaseReport r) {
        h.append("<h2>Movement between stages since ").append(esc(r.since())).append("</h2>\n")
                .append("<p class=\"muted\">Rows: the stage at the earlier instant, from the orders before it. Columns: the stage now."
                        + " Cells are shaded by their share of the row.</p>\n");
        h.append("<table id=\"movement\"><tr><th class=\"l\">then \\ now</th>");
        r.stages().forEach(s -> h.append("<th>").append(esc(stage(s))).append("</th>"));
        h.append("</tr>\n");
        r.movement().forEach((from, to) -> {
            int rowTotal = to.values().stream().mapToInt(Integer::intValue).sum();
            if (rowTotal == 0) {
                return;
            }
            h.append("<tr><td class=\"l\">").append(esc(stage(from))).append("</td>");
            for (String s : r.stages()) {
                int n = to.getOrDefault(s, 0);
                double share = (double) n / rowTotal;
                h.append(String.format(Locale.ROOT, "<td style=\"background:rgba(49,130,189,%.2f)\">", 0.6 * share)).append(count(n))
                        .append("</td>");
            }
            h.append("</tr>\n");
        });
        h.append("</table>\n");
    }

    private static void risk(StringBuilder h, CustomerBaseReport r) {
        h.append("<h2>Churn risk and value at risk</h2>\n<p class=\"muted\">Value at risk: each customer's forecast spend over the"
                + " next 90 days times their churn probability, summed per band.</p>\n");
        List<String> labels = r.riskBands().stream().map(b -> b.band() + " risk").toList();
        List<String> colours = r.riskBands().stream().map(b -> BAND_COLOURS.getOrDefault(b.band(), "#999")).toList();
        h.append(bars("chart-risk-customers", "customers", labels,
                r.riskBands().stream().mapToDouble(CustomerBaseReport.RiskBand::customers).toArray(), colours, CustomerBasePage::count));
        h.append(bars("chart-value-at-risk", "value at risk", labels,
                r.riskBands().stream().mapToDouble(CustomerBaseReport.RiskBand::valueAtRisk).toArray(), colours, CustomerBasePage::money));
        h.append("<table id=\"risk-bands\"><tr><th class=\"l\">band</th><th>customers</th><th>forecast spend</th>"
                + "<th>value at risk</th></tr>\n");
        for (CustomerBaseReport.RiskBand b : r.riskBands()) {
            h.append("<tr><td class=\"l\">").append(esc(b.band())).append("</td><td>").append(count(b.customers())).append("</td><td>")
                    .append(money(b.expectedSpend())).append("</td><td>").append(money(b.valueAtRisk())).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void saveList(StringBuilder h, CustomerBaseReport r) {
        double listed = r.saveList().stream().mapToDouble(CustomerBaseReport.SaveListEntry::valueAtRisk).sum();
        double atRisk = r.riskBands().stream().filter(b -> CustomerBaseReport.AT_RISK_BANDS.contains(b.band()))
                .mapToDouble(CustomerBaseReport.RiskBand::valueAtRisk).sum();
        h.append("<h2>Save list: whom to call this week</h2>\n<p class=\"muted\">Customers with a high or medium churn risk (the"
                        + " riskiest half) who have not opted out, the most value at risk first, at most ")
                .append(CustomerBaseReport.SAVE_LIST_SIZE).append(": together ").append(money(listed)).append(" at risk, ")
                .append(percent(atRisk == 0 ? 0 : listed / atRisk)).append(" of those bands'. Reasons are the churn model's, in log-odds."
                        + "</p>\n");
        h.append("<table id=\"save-list\"><thead><tr><th class=\"l\">customer</th><th>churn p</th><th class=\"l\">risk</th><th>forecast spend</th>"
                + "<th>value at risk</th><th>P(alive)</th><th class=\"l\">segment (stage)</th><th class=\"l\">top reasons</th>"
                + "<th class=\"l\">best offer</th></tr></thead><tbody>\n");
        for (CustomerBaseReport.SaveListEntry e : r.saveList()) {
            h.append("<tr><td class=\"l customer\">").append(esc(e.customerId())).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.3f", e.churnProbability())).append("</td><td class=\"l\">").append(esc(e.riskBand()))
                    .append("</td><td>").append(money(e.expectedSpend()))
                    .append("</td><td>").append(money(e.valueAtRisk())).append("</td><td>")
                    .append(e.probabilityAlive() == null ? "-" : String.format(Locale.ROOT, "%.2f", e.probabilityAlive()))
                    .append("</td><td class=\"l\">").append(esc(e.segment())).append(" (").append(esc(stage(e.lifecycleStage())))
                    .append(")</td><td class=\"l\">").append(reasons(e.reasons())).append("</td><td class=\"l\">")
                    .append(e.bestOffer() == null ? "-" : "<b>" + esc(e.bestOffer()) + "</b><br><span class=\"muted\">"
                            + esc(e.bestOfferReason()) + "</span>")
                    .append("</td></tr>\n");
        }
        h.append("</tbody></table>\n");
    }

    private static void offers(StringBuilder h, CustomerBaseReport r) {
        h.append("<h2>Offer families</h2>\n<p class=\"muted\">How many customers each family is the best offer for, and the"
                + " expected take-up: the propensity model's probabilities summed over them.</p>\n");
        List<String> labels = r.offers().stream().map(CustomerBaseReport.OfferFamily::name).toList();
        h.append(bars("chart-offers", "best offer for", labels,
                r.offers().stream().mapToDouble(CustomerBaseReport.OfferFamily::bestFor).toArray(),
                labels.stream().map(l -> "#756bb1").toList(), CustomerBasePage::count));
        h.append("<table id=\"offers\"><tr><th class=\"l\">family</th><th>best offer for</th><th>of which replenishment</th>"
                + "<th>expected take-up</th></tr>\n");
        for (CustomerBaseReport.OfferFamily o : r.offers()) {
            h.append("<tr><td class=\"l\">").append(esc(o.name())).append("</td><td>").append(count(o.bestFor())).append("</td><td>")
                    .append(count(o.replenishment())).append("</td><td>").append(String.format(Locale.UK, "%,.0f", o.expectedTakeUp()))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    /** Horizontal bars, one per label, each split into coloured parts with a legend. */
    private static String stackedBars(String id, List<String> labels, List<double[]> stacks, List<String> colours, List<String> parts,
                                      java.util.function.DoubleFunction<String> format) {
        double max = stacks.stream().mapToDouble(s -> java.util.Arrays.stream(s).sum()).max().orElse(0);
        int height = 30 + labels.size() * (BAR + 8);
        StringBuilder s = svgStart(id, height);
        int x = LABEL;
        for (int p = 0; p < parts.size(); p++) {
            s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"4\" width=\"12\" height=\"12\" fill=\"%s\"/><text x=\"%d\" y=\"14\">%s</text>",
                    x, colours.get(p % colours.size()), x + 16, esc(stage(parts.get(p)))));
            x += 16 + 9 * stage(parts.get(p)).length();
        }
        for (int i = 0; i < labels.size(); i++) {
            int y = 26 + i * (BAR + 8);
            s.append(label(labels.get(i), y));
            double offset = 0;
            double total = 0;
            for (int p = 0; p < stacks.get(i).length; p++) {
                double w = scale(stacks.get(i)[p], max);
                if (w > 0) {
                    s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s: %s</title></rect>",
                            LABEL + offset, y, w, BAR, colours.get(p % colours.size()), esc(stage(parts.get(p))),
                            format.apply(stacks.get(i)[p])));
                }
                offset += w;
                total += stacks.get(i)[p];
            }
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%s</text>", LABEL + offset + 4, y + 15, format.apply(total)));
        }
        return s.append("</svg>\n").toString();
    }

    /** Horizontal bars, one per label. */
    private static String bars(String id, String what, List<String> labels, double[] values, List<String> colours,
                               java.util.function.DoubleFunction<String> format) {
        double max = java.util.Arrays.stream(values).max().orElse(0);
        int height = 30 + labels.size() * (BAR + 8);
        StringBuilder s = svgStart(id, height);
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"14\" font-weight=\"bold\">%s</text>", LABEL, esc(what)));
        for (int i = 0; i < labels.size(); i++) {
            int y = 26 + i * (BAR + 8);
            double w = scale(values[i], max);
            s.append(label(labels.get(i), y)).append(String.format(Locale.ROOT,
                    "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/><text x=\"%.1f\" y=\"%d\">%s</text>",
                    LABEL, y, w, BAR, colours.get(i % colours.size()), LABEL + w + 4, y + 15, format.apply(values[i])));
        }
        return s.append("</svg>\n").toString();
    }

    static StringBuilder svgStart(String id, int height) {
        return new StringBuilder().append(String.format(Locale.ROOT,
                "<svg class=\"chart\" id=\"%s\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\">",
                id, WIDTH, height, WIDTH, height));
    }

    static String label(String text, int y) {
        String shown = text.length() > 38 ? text.substring(0, 37) + "…" : text;
        return String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>", LABEL - 6, y + 15, esc(shown));
    }

    /** Bar length in pixels, leaving room for the value after the longest bar. */
    static double scale(double v, double max) {
        return max <= 0 || v <= 0 ? 0 : v / max * (WIDTH - LABEL - 90);
    }

    private static String reasons(List<Reason> reasons) {
        if (reasons == null || reasons.isEmpty()) {
            return "-";
        }
        List<String> out = new ArrayList<>();
        for (Reason r : reasons) {
            out.add(esc(r.feature() + "=" + r.value() + " " + r.effect() + String.format(Locale.ROOT, " %+.2f", r.impact())));
        }
        return String.join("<br>", out);
    }

    static String kpi(String what, String value, String id) {
        return "<div class=\"kpi\" id=\"" + id + "\"><b>" + value + "</b>" + esc(what) + "</div>";
    }

    private static String stage(String stage) {
        return CustomerBaseReport.NOT_YET.equals(stage) ? "not yet a customer" : stage.toLowerCase(Locale.ROOT);
    }

    static String count(double n) {
        return String.format(Locale.UK, "%,d", Math.round(n));
    }

    private static String money(double v) {
        return String.format(Locale.UK, "%,.0f", v);
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f %%", 100 * share);
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
