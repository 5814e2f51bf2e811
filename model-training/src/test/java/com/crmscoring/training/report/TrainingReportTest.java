package com.crmscoring.training.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report is read by people deciding whether to ship a model, often offline and from an archive. */
class TrainingReportTest {

    private static final String SCRIPT = "<script>alert(1)</script>";

    /** Deterministic labels and scores that rank better than chance, with ties from rounding. */
    private static final boolean[] LABELS = new boolean[300];
    private static final double[] SCORES = new double[300];

    static {
        Random random = new Random(7);
        for (int i = 0; i < LABELS.length; i++) {
            LABELS[i] = random.nextDouble() < 0.2;
            double raw = (LABELS[i] ? 0.45 : 0.25) + random.nextGaussian() * 0.15;
            SCORES[i] = Math.round(Math.max(0, Math.min(1, raw)) * 100) / 100.0;
        }
    }

    private static Map<String, String> facts() {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("Target", "churned within 90 days");
        facts.put("Rows & columns", "300 <rows>");
        return facts;
    }

    private static List<String[]> candidates() {
        return List.of(new String[] {"candidate", "ROC AUC"}, new String[] {"logistic", "0.81"}, new String[] {"xgboost", "0.84"});
    }

    private static TrainingReport binaryOnly(String name) {
        TrainingReport report = new TrainingReport("Training run", "churn, seed 42");
        report.addBinaryModel(name, "1.0.0", facts(), candidates(), LABELS, SCORES);
        return report;
    }

    private static TrainingReport everything() {
        TrainingReport report = binaryOnly("churn");
        report.addSegments("segments", "2.0.0", facts(),
                List.of(new String[] {"segment", "size"}, new String[] {"loyal & high value", "120"}),
                List.of("loyal & high value", "new", "dormant"), new int[] {120, 80, 100},
                List.of(new String[] {"k", "silhouette"}, new String[] {"3", "0.41"}));
        double[] actual = new double[50];
        double[] predicted = new double[50];
        for (int i = 0; i < actual.length; i++) {
            actual[i] = i * 10;
            predicted[i] = i * 10 + (i % 3 - 1) * 5;
        }
        report.addRegression("customer value", "0.3.0", facts(), List.<String[]>of(new String[] {"metric", "value"}), actual, predicted);
        report.addText("Caveats", "Scores are out-of-fold; " + SCRIPT);
        return report;
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            n++;
        }
        return n;
    }

    @Test
    void page_isAnHtml5DocumentInUtf8() {
        String html = everything().html();
        assertTrue(html.startsWith("<!DOCTYPE html>"), html.substring(0, 40));
        assertTrue(html.contains("<meta charset=\"utf-8\">"));
        assertTrue(html.contains("<style>"));
        assertTrue(html.trim().endsWith("</html>"));
    }

    @Test
    void everySectionLinkedFromTheContents_exists_andEverySectionIsLinked() {
        String html = everything().html();
        String nav = html.substring(html.indexOf("<nav"), html.indexOf("</nav>"));
        Matcher link = Pattern.compile("href=\"#([^\"]+)\"").matcher(nav);
        List<String> ids = new ArrayList<>();
        while (link.find()) {
            ids.add(link.group(1));
        }
        assertEquals(4, ids.size(), "one link per section: " + ids);
        assertEquals(ids.size(), ids.stream().distinct().count(), "ids are unique: " + ids);
        for (String id : ids) {
            assertEquals(1, count(html, "<section id=\"" + id + "\">"), "section " + id);
        }
        assertEquals(4, count(html, "<section "));
    }

    @Test
    void userSuppliedText_isEscaped() {
        TrainingReport report = binaryOnly(SCRIPT);
        report.addText(SCRIPT, SCRIPT);
        String html = report.html();
        assertFalse(html.contains("<script"), "no script element may come from user text");
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assertTrue(html.contains("Rows &amp; columns"));
        assertTrue(html.contains("300 &lt;rows&gt;"));
    }

    @Test
    void oneBinaryModel_drawsFiveCharts_eachWellFormedSvg() throws Exception {
        String html = binaryOnly("churn").html();
        assertEquals(5, count(html, "<svg"));
        for (String title : List.of("ROC curve", "Precision-recall", "Cumulative gains", "Calibration", "Lift by decile")) {
            assertTrue(html.contains("<title>" + title + "</title>"), title);
        }
        int from = 0;
        for (int i = 0; i < 5; i++) {
            int start = html.indexOf("<svg", from);
            int end = html.indexOf("</svg>", start) + "</svg>".length();
            SvgChartTest.parse(html.substring(start, end));
            from = end;
        }
    }

    @Test
    void page_loadsNothingFromOutside() {
        String html = everything().html();
        assertFalse(html.contains("<script"));
        assertFalse(html.contains("<link"));
        assertFalse(html.contains("<img"));
        assertEquals(count(html, "http"), count(html, "http://www.w3.org/2000/svg"), "only the SVG namespace may name a URL");
    }

    @Test
    void sameRun_givesTheSamePage() {
        assertEquals(everything().html(), everything().html());
    }

    @Test
    void regressionScatter_isDownsampledToTwoThousandPoints() {
        int n = 5_001;
        double[] actual = new double[n];
        double[] predicted = new double[n];
        for (int i = 0; i < n; i++) {
            actual[i] = i;
            predicted[i] = i * 0.9 + 3;
        }
        TrainingReport report = new TrainingReport("t", "s");
        report.addRegression("value", "1", Map.of(), List.of(), actual, predicted);
        String html = report.html();
        assertEquals(2, count(html, "<svg"), "the scatter and the means by decile");
        assertTrue(html.contains("Mean by decile of the forecast"));
        assertEquals(TrainingReport.MAX_SCATTER_POINTS, count(html, "h0"), "one dot per drawn point");
        assertTrue(html.contains("2,000 of 5,001 shown"));
    }

    @Test
    void mismatchedSegmentSizes_areRejected() {
        TrainingReport report = new TrainingReport("t", "s");
        assertThrows(IllegalArgumentException.class, () -> report.addSegments("seg", "1", Map.of(), List.of(),
                List.of("a", "b"), new int[] {1}, List.of()));
    }

    @Test
    void write_createsDirectories_replacesTheFile_andLeavesNoTemporaryFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("runs/2024-06-01/report.html");
        TrainingReport first = new TrainingReport("first", "s");
        first.write(file);
        TrainingReport second = everything();
        second.write(file);

        assertEquals(second.html(), Files.readString(file, StandardCharsets.UTF_8));
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList(), "only the report is left behind");
        }
    }
}
