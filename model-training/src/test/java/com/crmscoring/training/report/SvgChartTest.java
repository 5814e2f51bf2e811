package com.crmscoring.training.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.crmscoring.training.report.BinaryCurves.Point;
import com.crmscoring.training.report.SvgChart.Axis;
import com.crmscoring.training.report.SvgChart.BarSeries;
import com.crmscoring.training.report.SvgChart.Mark;
import com.crmscoring.training.report.SvgChart.Reference;
import com.crmscoring.training.report.SvgChart.Series;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** The charts are embedded in HTML pages people archive, so they must be valid, escaped and reproducible. */
class SvgChartTest {

    private static final String NASTY = "<a&b>";
    private static final String NASTY_ESCAPED = "&lt;a&amp;b&gt;";

    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static String line() {
        return SvgChart.lineChart(NASTY, Axis.unit("x " + NASTY), Axis.unit("y"),
                List.of(new Series(NASTY, List.of(new Point(0, 0), new Point(0.3, 0.7), new Point(1, 1)), Mark.LINE),
                        new Series("dots", List.of(new Point(0.5, 0.25)), Mark.DOTS),
                        new Series("both", List.of(new Point(0.2, 0.1), new Point(0.8, 0.9)), Mark.LINE_AND_DOTS)),
                List.of(Reference.diagonal("random " + NASTY), Reference.horizontal("base rate", 0.3)));
    }

    private static String bars() {
        return SvgChart.barChart(NASTY, "segment", List.of(NASTY, "b", "a very long segment name that cannot fit"),
                Axis.nice("customers", 0, 1234), List.of(new BarSeries(NASTY, List.of(1234.0, 10.0, 0.5))),
                List.of(Reference.horizontal("mean", 400)));
    }

    @Test
    void lineChart_isWellFormedSvg_withTheTitleAndSeriesNamesEscaped() throws Exception {
        String svg = line();
        Document doc = parse(svg);
        assertEquals("svg", doc.getDocumentElement().getLocalName());
        assertEquals("http://www.w3.org/2000/svg", doc.getDocumentElement().getNamespaceURI());
        assertEquals(NASTY, doc.getElementsByTagNameNS("*", "title").item(0).getTextContent());
        assertTrue(svg.contains(">" + NASTY_ESCAPED + "</text>"), "escaped title and legend");
        assertTrue(svg.contains("random " + NASTY_ESCAPED), "escaped reference name");
        assertFalse(svg.contains(NASTY), "raw special characters leak into the SVG");
        assertTrue(svg.contains("<polyline"), "a line series draws a polyline");
        assertEquals(2, doc.getElementsByTagNameNS("*", "polyline").getLength(), "LINE and LINE_AND_DOTS series are joined, DOTS are not");
    }

    @Test
    void barChart_isWellFormedSvg_withOneBarPerCategory_andEscapedLabels() throws Exception {
        String svg = bars();
        Document doc = parse(svg);
        // One background rectangle, one legend swatch, three bars.
        assertEquals(5, doc.getElementsByTagNameNS("*", "rect").getLength());
        assertTrue(svg.contains(NASTY_ESCAPED));
        assertFalse(svg.contains(NASTY));
        assertTrue(svg.contains(">1234</text>"), "single-series bars are labelled with their value");
        assertTrue(svg.contains("\u2026"), "a label too long for its bar is shortened");
    }

    @Test
    void sameInput_givesTheSameString_whateverTheDefaultLocale() {
        String first = line();
        assertEquals(first, line());
        Locale before = Locale.getDefault();
        try {
            // German formats 0.5 as "0,5", which would corrupt SVG coordinates.
            Locale.setDefault(Locale.GERMANY);
            assertEquals(first, line());
            assertEquals(bars(), bars());
        } finally {
            Locale.setDefault(before);
        }
        assertEquals(bars(), bars());
    }

    @Test
    void chartHasTheFixedSize() throws Exception {
        Document doc = parse(line());
        assertEquals(Integer.toString(SvgChart.WIDTH), doc.getDocumentElement().getAttribute("width"));
        assertEquals(Integer.toString(SvgChart.HEIGHT), doc.getDocumentElement().getAttribute("height"));
    }

    @Test
    void pointOutsideTheAxes_isRejectedRatherThanSilentlyHidden() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SvgChart.lineChart("t",
                Axis.unit("x"), Axis.unit("y"), List.of(new Series("s", List.of(new Point(0.5, 1.5)), Mark.LINE)), List.of()));
        assertTrue(e.getMessage().contains("outside the axes"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SvgChart.barChart("t", "c", List.of("a", "b"),
                Axis.unit("y"), List.of(new BarSeries("s", List.of(0.5))), List.of()));
        assertThrows(IllegalArgumentException.class, () -> SvgChart.barChart("t", "c", List.of("a"),
                Axis.unit("y"), List.of(new BarSeries("s", List.of(0.5))), List.of(Reference.diagonal("d"))));
    }

    @Test
    void niceAxis_coversTheRangeWithRoundEnds() {
        Axis axis = Axis.nice("v", 0.13, 7.3);
        assertEquals(0, axis.min(), 1e-12);
        assertEquals(8, axis.max(), 1e-12);
        Axis flat = Axis.nice("v", 0, 0);
        assertTrue(flat.min() < 0 && flat.max() > 0, flat.toString());
        assertThrows(IllegalArgumentException.class, () -> new Axis("v", 1, 1));
    }
}
