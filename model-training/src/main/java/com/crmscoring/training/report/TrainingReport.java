package com.crmscoring.training.report;

import com.crmscoring.training.publish.AtomicFiles;
import com.crmscoring.training.eval.BinaryMetrics;
import com.crmscoring.training.report.BinaryCurves.CalibrationBin;
import com.crmscoring.training.report.BinaryCurves.Point;
import com.crmscoring.training.report.SvgChart.Axis;
import com.crmscoring.training.report.SvgChart.BarSeries;
import com.crmscoring.training.report.SvgChart.Mark;
import com.crmscoring.training.report.SvgChart.Reference;
import com.crmscoring.training.report.SvgChart.Series;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One self-contained HTML page describing a training run: facts, candidate tables and charts for
 * each model, so that whoever approves a model can see how it ranks and how well its scores are
 * calibrated without running anything. The page has no script and loads nothing from the network
 * (charts are inline SVG), so it can be archived with the model and opened offline.
 *
 * <p>Every string from the caller is HTML-escaped, since names and table cells may come from
 * customer data. Sections appear in the order they are added.
 */
public final class TrainingReport {

    /** Most points a scatter plot draws; more would bloat the page without changing what it shows. */
    public static final int MAX_SCATTER_POINTS = 2_000;

    private static final int CALIBRATION_BINS = 10;

    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#222;margin:0 auto;max-width:1120px;padding:0 16px 48px;line-height:1.45}
            h1{margin:24px 0 4px}
            .subtitle{color:#555;margin:0 0 16px}
            nav{background:#f6f6f6;border:1px solid #ddd;padding:8px 16px;margin:16px 0}
            nav h2{font-size:1em;margin:4px 0}
            section{border-top:2px solid #ddd;margin-top:32px}
            .version{color:#666;font-weight:normal;font-size:.8em}
            .table-wrap{overflow-x:auto}
            table{border-collapse:collapse;margin:8px 0 16px;font-size:.9em}
            th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}
            th{background:#f0f0f0}
            .charts{display:flex;flex-wrap:wrap;gap:12px}
            figure{margin:0;border:1px solid #e3e3e3}
            figure svg{display:block;max-width:100%;height:auto}
            .note{color:#555;font-size:.9em}
            @media print{nav{display:none}section{break-inside:avoid-page}}
            """;

    private final String title;
    private final String subtitle;
    private final List<Section> sections = new ArrayList<>();

    private record Section(String id, String heading, String body) {
    }

    /** Starts an empty report; {@code subtitle} usually says what data and which run it describes. */
    public TrainingReport(String title, String subtitle) {
        this.title = Objects.requireNonNull(title, "title");
        this.subtitle = Objects.requireNonNull(subtitle, "subtitle");
    }

    /**
     * Adds a binary classifier: its facts, its candidates table (first row is the header) and
     * charts of its out-of-fold scores: ROC, precision-recall, cumulative gains, calibration and
     * lift by decile. Out-of-fold scores are used because in-sample scores flatter the model.
     *
     * @throws IllegalArgumentException if labels and scores differ in length, lack a class or
     *         the scores are not probabilities in [0, 1]
     */
    public void addBinaryModel(String name, String version, Map<String, String> facts, List<String[]> candidateTable,
                               boolean[] positive, double[] outOfFoldScores) {
        List<Point> roc = BinaryCurves.roc(positive, outOfFoldScores);
        List<Point> pr = BinaryCurves.precisionRecall(positive, outOfFoldScores);
        List<Point> gains = BinaryCurves.cumulativeGains(positive, outOfFoldScores);
        double[] lift = BinaryCurves.liftByDecile(positive, outOfFoldScores);
        List<CalibrationBin> calibration = BinaryCurves.calibration(positive, outOfFoldScores, CALIBRATION_BINS);

        int rows = positive.length;
        int positives = 0;
        for (boolean p : positive) {
            positives += p ? 1 : 0;
        }
        double baseRate = (double) positives / rows;
        double auc = BinaryMetrics.rocAuc(positive, outOfFoldScores);
        double ap = BinaryMetrics.averagePrecision(positive, outOfFoldScores);

        // Perfect ranking puts every positive first: all of them are captured after baseRate of the customers.
        List<Point> perfect = List.of(new Point(0, 0), new Point(baseRate, 1), new Point(1, 1));
        List<Point> calibrationPoints = calibration.stream()
                .map(b -> new Point(b.meanPredicted(), b.observedRate())).toList();
        List<String> deciles = new ArrayList<>();
        List<Double> liftValues = new ArrayList<>();
        for (int d = 0; d < lift.length; d++) {
            deciles.add(Integer.toString(d + 1));
            liftValues.add(lift[d]);
        }
        double maxLift = 1;
        for (double l : lift) {
            maxLift = Math.max(maxLift, l);
        }

        StringBuilder body = new StringBuilder();
        factsAndTable(body, facts, "Candidates (cross-validated)", candidateTable);
        body.append("<h3>Out-of-fold scores</h3>\n<p class=\"note\">")
                .append(escape(String.format(Locale.ROOT, "%,d rows, %,d positive (base rate %.1f%%); ROC AUC %.3f, average precision %.3f.",
                        rows, positives, 100 * baseRate, auc, ap)))
                .append("</p>\n<div class=\"charts\">\n");
        figure(body, SvgChart.lineChart("ROC curve", Axis.unit("false-positive rate"), Axis.unit("true-positive rate"),
                List.of(new Series(String.format(Locale.ROOT, "model (AUC %.3f)", auc), roc, Mark.LINE)),
                List.of(Reference.diagonal("random ranking"))));
        figure(body, SvgChart.lineChart("Precision-recall", Axis.unit("recall"), Axis.unit("precision"),
                List.of(new Series(String.format(Locale.ROOT, "model (AP %.3f)", ap), pr, Mark.LINE)),
                List.of(Reference.horizontal(String.format(Locale.ROOT, "base rate %.3f", baseRate), baseRate))));
        figure(body, SvgChart.lineChart("Cumulative gains", Axis.unit("share of customers contacted"),
                Axis.unit("share of positives captured"),
                List.of(new Series("model", gains, Mark.LINE_AND_DOTS), new Series("perfect ranking", perfect, Mark.LINE)),
                List.of(Reference.diagonal("random ranking"))));
        figure(body, SvgChart.lineChart("Calibration", Axis.unit("mean predicted probability"),
                Axis.unit("observed positive rate"),
                List.of(new Series("model (" + CALIBRATION_BINS + " bins)", calibrationPoints, Mark.LINE_AND_DOTS)),
                List.of(Reference.diagonal("perfect calibration"))));
        figure(body, SvgChart.barChart("Lift by decile", "score decile (best first)", deciles,
                Axis.nice("lift", 0, maxLift), List.of(new BarSeries("lift", liftValues)),
                List.of(Reference.horizontal("random ranking", 1))));
        body.append("</div>\n");
        add(name, version, body);
    }

    /**
     * Adds a segmentation: its facts, a table describing the segments, the table behind the choice
     * of the number of segments, and a bar chart of how many customers each segment holds.
     *
     * @throws IllegalArgumentException if names and sizes differ in length, there is no segment,
     *         or a size is negative
     */
    public void addSegments(String name, String version, Map<String, String> facts, List<String[]> segmentTable,
                            List<String> segmentNames, int[] sizes, List<String[]> kTable) {
        if (segmentNames.size() != sizes.length || sizes.length == 0) {
            throw new IllegalArgumentException("segments need one size per name, got "
                    + segmentNames.size() + " names and " + sizes.length + " sizes");
        }
        List<Double> values = new ArrayList<>();
        int largest = 0;
        for (int i = 0; i < sizes.length; i++) {
            if (sizes[i] < 0) {
                throw new IllegalArgumentException("segment '" + segmentNames.get(i) + "' has a negative size " + sizes[i]);
            }
            values.add((double) sizes[i]);
            largest = Math.max(largest, sizes[i]);
        }
        StringBuilder body = new StringBuilder();
        factsAndTable(body, facts, "Segments", segmentTable);
        table(body, "Choice of the number of segments", kTable);
        body.append("<div class=\"charts\">\n");
        figure(body, SvgChart.barChart("Customers per segment", "segment", segmentNames, Axis.nice("customers", 0, largest),
                List.of(new BarSeries("customers", values)), List.of()));
        body.append("</div>\n");
        add(name, version, body);
    }

    /**
     * Adds a regression model: its facts, a table, and a predicted-against-actual scatter with the
     * line y = x. Above {@link #MAX_SCATTER_POINTS} rows an evenly spaced subset is drawn, chosen by
     * position so that the same data always gives the same picture.
     *
     * @throws IllegalArgumentException if the arrays differ in length, are empty or hold a non-finite value
     */
    public void addRegression(String name, String version, Map<String, String> facts, List<String[]> table,
                              double[] actual, double[] predicted) {
        if (actual.length != predicted.length || actual.length == 0) {
            throw new IllegalArgumentException("regression needs as many predictions as actual values, and at least one; got "
                    + actual.length + " actual and " + predicted.length + " predicted");
        }
        int n = actual.length;
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        double squares = 0;
        double absolute = 0;
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(actual[i]) || !Double.isFinite(predicted[i])) {
                throw new IllegalArgumentException("row " + i + " is not finite: actual " + actual[i] + ", predicted " + predicted[i]);
            }
            low = Math.min(low, Math.min(actual[i], predicted[i]));
            high = Math.max(high, Math.max(actual[i], predicted[i]));
            double error = predicted[i] - actual[i];
            squares += error * error;
            absolute += Math.abs(error);
        }
        int shown = Math.min(n, MAX_SCATTER_POINTS);
        List<Point> points = new ArrayList<>(shown);
        for (int i = 0; i < shown; i++) {
            int row = (int) ((long) i * n / shown);
            points.add(new Point(actual[row], predicted[row]));
        }
        StringBuilder body = new StringBuilder();
        factsAndTable(body, facts, "Evaluation", table);
        body.append("<p class=\"note\">")
                .append(escape(String.format(Locale.ROOT, "%,d rows; RMSE %.4g, MAE %.4g.", n, Math.sqrt(squares / n), absolute / n)))
                .append("</p>\n<div class=\"charts\">\n");
        // One range for both axes keeps y = x at 45 degrees, so over- and under-prediction look alike.
        figure(body, SvgChart.lineChart("Predicted against actual", Axis.nice("actual", low, high), Axis.nice("predicted", low, high),
                List.of(new Series(String.format(Locale.ROOT, "rows (%,d of %,d shown)", shown, n), points, Mark.DOTS)),
                List.of(Reference.diagonal("y = x"))));
        figure(body, decileChart(actual, predicted));
        body.append("</div>\n");
        add(name, version, body);
    }

    /**
     * Mean predicted and mean actual by decile of the prediction, highest first: whether the
     * forecast ranks customers well and whether it is calibrated where the money is.
     */
    private static String decileChart(double[] actual, double[] predicted) {
        int n = actual.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (i, j) -> Double.compare(predicted[j], predicted[i]));
        List<String> deciles = new ArrayList<>();
        List<Double> meanActual = new ArrayList<>();
        List<Double> meanPredicted = new ArrayList<>();
        double high = 0;
        for (int d = 0; d < 10; d++) {
            int from = (int) ((long) d * n / 10);
            int to = (int) ((long) (d + 1) * n / 10);
            double a = 0;
            double p = 0;
            for (int k = from; k < to; k++) {
                a += actual[order[k]];
                p += predicted[order[k]];
            }
            int size = Math.max(1, to - from);
            deciles.add(Integer.toString(d + 1));
            meanActual.add(a / size);
            meanPredicted.add(p / size);
            high = Math.max(high, Math.max(a / size, p / size));
        }
        // A linear forecast can be negative in its lowest decile; the axis must hold it.
        double low = Math.min(0, Math.min(java.util.Collections.min(meanActual), java.util.Collections.min(meanPredicted)));
        return SvgChart.barChart("Mean by decile of the forecast", "forecast decile (highest first)", deciles,
                Axis.nice("mean per customer", low, high), List.of(new SvgChart.BarSeries("predicted", meanPredicted),
                        new SvgChart.BarSeries("actual", meanActual)), List.of());
    }

    /** Adds a section of plain text, for example the data used or the caveats of the run. */
    public void addText(String heading, String paragraph) {
        Objects.requireNonNull(heading, "heading");
        Objects.requireNonNull(paragraph, "paragraph");
        sections.add(new Section(sectionId(heading), escape(heading), "<p>" + escape(paragraph) + "</p>\n"));
    }

    /** The complete HTML5 document. */
    public String html() {
        StringBuilder html = new StringBuilder(32_768);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(escape(title)).append("</title>\n")
                .append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n")
                .append("<header>\n<h1>").append(escape(title)).append("</h1>\n")
                .append("<p class=\"subtitle\">").append(escape(subtitle)).append("</p>\n</header>\n")
                .append("<nav aria-label=\"Contents\">\n<h2>Contents</h2>\n<ol>\n");
        for (Section s : sections) {
            html.append("<li><a href=\"#").append(s.id()).append("\">").append(s.heading()).append("</a></li>\n");
        }
        html.append("</ol>\n</nav>\n<main>\n");
        for (Section s : sections) {
            html.append("<section id=\"").append(s.id()).append("\">\n<h2>").append(s.heading()).append("</h2>\n")
                    .append(s.body()).append("</section>\n");
        }
        return html.append("</main>\n</body>\n</html>\n").toString();
    }

    /**
     * Writes {@link #html()} to {@code file}, creating its directories. The page goes to a temporary
     * file in the same directory first and is then moved into place, so a reader (or a crash)
     * never sees a half-written report.
     */
    public void write(Path file) throws IOException {
        AtomicFiles.write(file, html().getBytes(StandardCharsets.UTF_8));
    }

    private void add(String name, String version, StringBuilder body) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        String heading = escape(name) + " <span class=\"version\">" + escape(version) + "</span>";
        sections.add(new Section(sectionId(name), heading, body.toString()));
    }

    /** A unique id made of the position and a readable slug, so user text never needs escaping inside it. */
    private String sectionId(String name) {
        String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > 40) {
            slug = slug.substring(0, 40).replaceAll("-+$", "");
        }
        return "s" + (sections.size() + 1) + (slug.isEmpty() ? "" : "-" + slug);
    }

    private static void factsAndTable(StringBuilder body, Map<String, String> facts, String tableHeading, List<String[]> rows) {
        if (!facts.isEmpty()) {
            body.append("<h3>Facts</h3>\n<div class=\"table-wrap\"><table class=\"facts\">\n");
            for (Map.Entry<String, String> e : facts.entrySet()) {
                body.append("<tr><th scope=\"row\">").append(escape(e.getKey())).append("</th><td>")
                        .append(escape(e.getValue())).append("</td></tr>\n");
            }
            body.append("</table></div>\n");
        }
        table(body, tableHeading, rows);
    }

    /** A table whose first row is the header; nothing is written for an empty list. */
    private static void table(StringBuilder body, String heading, List<String[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        body.append("<h3>").append(escape(heading)).append("</h3>\n<div class=\"table-wrap\"><table>\n<thead><tr>");
        for (String cell : rows.get(0)) {
            body.append("<th scope=\"col\">").append(escape(cell)).append("</th>");
        }
        body.append("</tr></thead>\n<tbody>\n");
        for (String[] row : rows.subList(1, rows.size())) {
            body.append("<tr>");
            for (String cell : row) {
                body.append("<td>").append(escape(cell)).append("</td>");
            }
            body.append("</tr>\n");
        }
        body.append("</tbody>\n</table></div>\n");
    }

    private static void figure(StringBuilder body, String svg) {
        body.append("<figure>\n").append(svg).append("\n</figure>\n");
    }

    private static String escape(String text) {
        return SvgChart.escape(Objects.requireNonNullElse(text, ""));
    }
}
