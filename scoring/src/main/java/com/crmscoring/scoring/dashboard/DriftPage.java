package com.crmscoring.scoring.dashboard;

import static com.crmscoring.scoring.dashboard.CustomerBasePage.BAR;
import static com.crmscoring.scoring.dashboard.CustomerBasePage.LABEL;
import static com.crmscoring.scoring.dashboard.CustomerBasePage.esc;
import static com.crmscoring.scoring.dashboard.CustomerBasePage.kpi;
import static com.crmscoring.scoring.dashboard.CustomerBasePage.label;
import static com.crmscoring.scoring.dashboard.CustomerBasePage.scale;
import static com.crmscoring.scoring.dashboard.CustomerBasePage.svgStart;

import com.crmscoring.scoring.drift.DriftReport;
import java.util.List;
import java.util.Locale;

/**
 * The drift report as one self-contained page, in the customer-base dashboard's look: per model,
 * its score's and attributes' population stability index, and for the score and the attributes
 * that moved most, the reference's and today's shares bin by bin.
 */
public final class DriftPage {

    /** How many attributes per model get a chart (the table lists them all). */
    static final int CHARTED_ATTRIBUTES = 3;
    private static final String REFERENCE = "#bdbdbd";
    private static final String TODAY = "#3182bd";
    private static final java.util.Map<String, String> LEVEL_COLOURS = java.util.Map.of("stable", "#31a354", "watch", "#fd8d3c",
            "act", "#de2d26");

    private DriftPage() {
    }

    public static String render(DriftReport r) {
        StringBuilder h = new StringBuilder(64 * 1024);
        CustomerBasePage.head(h, "Drift at " + r.asOf());
        h.append("<h1>Population drift</h1>\n<p class=\"muted\">Customers described at <b id=\"as-of\">").append(esc(r.asOf()))
                .append("</b>, compared with <b id=\"reference\">").append(esc(r.reference()))
                .append("</b>. Population stability index: below ").append(DriftReport.WATCH).append(" stable, from ")
                .append(DriftReport.WATCH).append(" watch, from ").append(DriftReport.ACT).append(" act.</p>\n");
        h.append("<div class=\"kpis\">").append(kpi("customers compared", CustomerBasePage.count(r.customers()), "kpi-customers"))
                .append(kpi("left out: opted out of profiling", CustomerBasePage.count(r.optedOut()), "kpi-opted-out"));
        if (r.ordersSince() != null) {
            h.append(kpi((r.ordersSampled() ? "orders compared (a sample), placed from " : "orders compared, placed from ")
                    + r.ordersSince(), CustomerBasePage.count(r.orders()), "kpi-orders"));
        }
        for (DriftReport.ModelDrift m : r.models()) {
            h.append(kpi(m.model() + " score PSI (" + m.score().level() + ")", psi(m.score().psi()), "kpi-" + m.model()));
        }
        h.append("</div>\n");
        if (!r.nothingToCompare().isEmpty()) {
            h.append("<p id=\"nothing-to-compare\">Nothing to compare for ").append(esc(String.join(", ", r.nothingToCompare())))
                    .append(": no customer or order in the period, so no index.</p>\n");
        }
        for (DriftReport.ModelDrift m : r.models()) {
            h.append("<h2 id=\"model-").append(esc(m.model())).append("\">").append(esc(m.model())).append(" <code>")
                    .append(esc(m.version())).append("</code></h2>\n<p class=\"muted\">").append(CustomerBasePage.count(m.rows()))
                    .append(" ").append(esc(m.population())).append(" scored.</p>\n");
            h.append(pairedBars("chart-" + m.model() + "-score", "score", m.score()));
            for (DriftReport.Index a : m.attributes().subList(0, Math.min(CHARTED_ATTRIBUTES, m.attributes().size()))) {
                h.append(pairedBars("chart-" + m.model() + "-" + a.name(), a.name(), a));
            }
            h.append("<table><tr><th class=\"l\">attribute</th><th>PSI</th><th class=\"l\">level</th></tr>\n");
            for (DriftReport.Index a : m.attributes()) {
                h.append("<tr><td class=\"l\">").append(esc(a.name())).append("</td><td>").append(psi(a.psi()))
                        .append("</td><td class=\"l\" style=\"color:").append(LEVEL_COLOURS.get(a.level())).append("\">")
                        .append(a.level()).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        h.append("<p class=\"muted\">Counts only: no customer is named in this report.</p>\n</body></html>\n");
        return h.toString();
    }

    /** Two bars per bin, the reference's share (grey) above today's (blue). */
    private static String pairedBars(String id, String what, DriftReport.Index index) {
        List<String> bins = index.bins();
        double max = 0;
        for (int i = 0; i < bins.size(); i++) {
            max = Math.max(max, Math.max(index.expected()[i], index.actual()[i]));
        }
        int row = BAR + 10;
        int height = 34 + bins.size() * row;
        StringBuilder s = svgStart(esc(id), height);
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"14\" font-weight=\"bold\">%s: PSI %s (%s)</text>", LABEL, esc(what),
                psi(index.psi()), index.level()));
        s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"20\" width=\"10\" height=\"10\" fill=\"%s\"/><text x=\"%d\" y=\"29\">reference</text>"
                + "<rect x=\"%d\" y=\"20\" width=\"10\" height=\"10\" fill=\"%s\"/><text x=\"%d\" y=\"29\">today</text>",
                LABEL + 260, REFERENCE, LABEL + 274, LABEL + 350, TODAY, LABEL + 364));
        for (int i = 0; i < bins.size(); i++) {
            int y = 34 + i * row;
            double e = scale(index.expected()[i], max);
            double a = scale(index.actual()[i], max);
            s.append(label(bins.get(i), y)).append(String.format(Locale.ROOT,
                    "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/><rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>"
                            + "<text x=\"%.1f\" y=\"%d\">%s → %s</text>",
                    LABEL, y, e, BAR / 2, REFERENCE, LABEL, y + BAR / 2, a, BAR / 2, TODAY, LABEL + Math.max(e, a) + 4, y + 15,
                    percent(index.expected()[i]), percent(index.actual()[i])));
        }
        return s.append("</svg>\n").toString();
    }

    private static String psi(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f %%", 100 * share);
    }
}
