package com.crmscoring.training.report;

import com.crmscoring.training.report.BinaryCurves.Point;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Line and bar charts rendered as self-contained SVG text, so that a training report opens
 * offline in any browser with no script, stylesheet or font to fetch. Output depends only on the
 * arguments (numbers are formatted with {@link Locale#ROOT}), which keeps reports diffable.
 *
 * <p>Why not a charting library: JFreeChart, the maintained Java one that resolves here, draws on a
 * {@code Graphics2D}; to get SVG it needs a second library (JFreeSVG), and the alternative, PNG
 * images base64-encoded into the page, is several times larger, blurs when zoomed and cannot be
 * searched or diffed. The report needs only line, scatter and bar charts with fixed layout; this
 * class draws them in compact, deterministic SVG, and {@code SvgChartTest} holds its layout.
 *
 * <p>Points outside the axes are rejected rather than clipped: a chart that silently hides data
 * misleads, and clipping would need element ids that clash when several charts share one page.
 */
public final class SvgChart {

    /** Width of every chart in pixels; a fixed size lets a page lay charts out in a grid. */
    public static final int WIDTH = 420;
    /** Height of every chart in pixels. */
    public static final int HEIGHT = 320;

    // Okabe-Ito colours: distinguishable with the common colour-vision deficiencies.
    private static final String[] PALETTE = {"#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9"};
    private static final String REFERENCE_COLOUR = "#777777";
    private static final int LEFT = 58;
    private static final int RIGHT = WIDTH - 16;
    private static final int BOTTOM = HEIGHT - 46;
    private static final int LEGEND_TOP = 34;
    private static final int LEGEND_ROW = 14;
    // Rough width of a 10px sans-serif character; used only to lay out and shorten labels.
    private static final double CHAR_WIDTH = 6;

    /** How a line-chart series is drawn. */
    public enum Mark {
        /** Points joined in the given order. */
        LINE,
        /** Unjoined dots, for scatter plots. */
        DOTS,
        /** Joined points with a dot at each, for curves with few points such as calibration. */
        LINE_AND_DOTS
    }

    /** An axis: its title and the value range it spans. */
    public record Axis(String title, double min, double max) {

        /** Rejects empty or non-finite ranges, which would produce a division by zero when drawn. */
        public Axis {
            Objects.requireNonNull(title, "axis title");
            if (!Double.isFinite(min) || !Double.isFinite(max) || !(min < max)) {
                throw new IllegalArgumentException("axis '" + title + "' needs finite min < max, got " + min + " .. " + max);
            }
        }

        /** The range [0, 1], for rates and probabilities. */
        public static Axis unit(String title) {
            return new Axis(title, 0, 1);
        }

        /** The smallest range of whole tick steps (1, 2 or 5 times a power of ten) that covers [low, high]. */
        public static Axis nice(String title, double low, double high) {
            if (!Double.isFinite(low) || !Double.isFinite(high) || low > high) {
                throw new IllegalArgumentException("axis '" + title + "' needs finite low <= high, got " + low + " .. " + high);
            }
            if (low == high) {
                double pad = low == 0 ? 1 : Math.abs(low) * 0.1;
                low -= pad;
                high += pad;
            }
            double step = niceStep(high - low);
            return new Axis(title, Math.floor(low / step) * step, Math.ceil(high / step) * step);
        }
    }

    /** A named series of a line chart. */
    public record Series(String name, List<Point> points, Mark mark) {

        /** Copies the points so that a later change by the caller cannot alter the chart. */
        public Series {
            Objects.requireNonNull(name, "series name");
            Objects.requireNonNull(mark, "series mark");
            points = List.copyOf(points);
        }
    }

    /** A named series of a bar chart: one value per category. */
    public record BarSeries(String name, List<Double> values) {

        /** Copies the values so that a later change by the caller cannot alter the chart. */
        public BarSeries {
            Objects.requireNonNull(name, "series name");
            values = List.copyOf(values);
        }
    }

    /** A dashed grey reference line that gives a curve something to be judged against. */
    public record Reference(String name, Kind kind, double y) {

        /** Shape of a reference line. */
        public enum Kind {
            /** The line y = x, such as a random ranking's ROC curve or perfect calibration. */
            DIAGONAL,
            /** A level line at a given y, such as the base rate or a lift of one. */
            HORIZONTAL
        }

        /** Checks the parts; a horizontal line needs a finite level. */
        public Reference {
            Objects.requireNonNull(name, "reference name");
            Objects.requireNonNull(kind, "reference kind");
            if (kind == Kind.HORIZONTAL && !Double.isFinite(y)) {
                throw new IllegalArgumentException("reference '" + name + "' needs a finite level, got " + y);
            }
        }

        /** The line y = x. */
        public static Reference diagonal(String name) {
            return new Reference(name, Kind.DIAGONAL, 0);
        }

        /** A level line at {@code y}. */
        public static Reference horizontal(String name, double y) {
            return new Reference(name, Kind.HORIZONTAL, y);
        }
    }

    private SvgChart() {
    }

    /**
     * A line (or scatter) chart with one or more series and optional reference lines.
     *
     * @throws IllegalArgumentException if there is no series or a point lies outside the axes
     */
    public static String lineChart(String title, Axis x, Axis y, List<Series> series, List<Reference> references) {
        Objects.requireNonNull(title, "title");
        if (series.isEmpty()) {
            throw new IllegalArgumentException("chart '" + title + "' has no series");
        }
        List<LegendEntry> legend = new ArrayList<>();
        for (int s = 0; s < series.size(); s++) {
            Series one = series.get(s);
            legend.add(new LegendEntry(one.name(), colour(s), one.mark() == Mark.DOTS ? Swatch.DOT : Swatch.LINE));
        }
        references.forEach(r -> legend.add(new LegendEntry(r.name(), REFERENCE_COLOUR, Swatch.DASHED)));
        Frame f = new Frame(x, y, legendRows(legend));

        StringBuilder svg = open(title);
        legend(svg, legend);
        xTicks(svg, f);
        yTicks(svg, f);
        axisLines(svg, f);
        axisTitles(svg, f, x.title(), y.title());
        for (Reference r : references) {
            reference(svg, f, r, true);
        }
        for (int s = 0; s < series.size(); s++) {
            Series one = series.get(s);
            for (Point p : one.points()) {
                f.check(title, one.name(), p.x(), p.y());
            }
            if (one.points().isEmpty()) {
                continue;
            }
            String colour = colour(s);
            svg.append("<g><title>").append(escape(one.name())).append("</title>");
            if (one.mark() != Mark.DOTS) {
                svg.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"2\" points=\"");
                String separator = "";
                for (double[] p : visible(f, one.points(), 0.5)) {
                    svg.append(separator).append(num(p[0])).append(',').append(num(p[1]));
                    separator = " ";
                }
                svg.append("\"/>");
            }
            if (one.mark() != Mark.LINE) {
                // Zero-length round-capped segments draw dots in one compact path element.
                int width = one.mark() == Mark.DOTS ? 4 : 6;
                svg.append("<path fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"").append(width)
                        .append("\" stroke-linecap=\"round\"")
                        .append(one.mark() == Mark.DOTS ? " stroke-opacity=\"0.6\"" : "").append(" d=\"");
                for (double[] p : visible(f, one.points(), 0)) {
                    svg.append('M').append(num(p[0])).append(' ').append(num(p[1])).append("h0");
                }
                svg.append("\"/>");
            }
            svg.append("</g>\n");
        }
        return svg.append("</svg>").toString();
    }

    /**
     * The points in screen coordinates, without those that would land within {@code pixels} of the
     * last one kept: a ROC curve over 18,000 orders has thousands of points inside each pixel,
     * which only make the page heavy. The first and last points are always kept, so the curve
     * still starts and ends where it should. Dots ask for 0 pixels: every one is drawn (scatter
     * plots are sampled by their caller, which says how many are shown).
     */
    private static List<double[]> visible(Frame f, List<Point> points, double pixels) {
        List<double[]> kept = new java.util.ArrayList<>();
        double[] last = null;
        for (int i = 0; i < points.size(); i++) {
            double[] p = {f.px(points.get(i).x()), f.py(points.get(i).y())};
            boolean end = i == points.size() - 1;
            if (last == null || end || Math.abs(p[0] - last[0]) >= pixels || Math.abs(p[1] - last[1]) >= pixels) {
                kept.add(p);
                last = p;
            }
        }
        return kept;
    }

    /**
     * A bar chart with one bar per category and series (grouped side by side), optional horizontal
     * reference lines, and the value written over each bar when there is a single series.
     *
     * @throws IllegalArgumentException if a series has the wrong number of values, a value lies
     *         outside the axis, or a reference is not horizontal
     */
    public static String barChart(String title, String categoryTitle, List<String> categories, Axis y,
                                  List<BarSeries> series, List<Reference> references) {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(categoryTitle, "category title");
        if (series.isEmpty() || categories.isEmpty()) {
            throw new IllegalArgumentException("chart '" + title + "' needs at least one category and one series");
        }
        List<LegendEntry> legend = new ArrayList<>();
        for (int s = 0; s < series.size(); s++) {
            BarSeries one = series.get(s);
            if (one.values().size() != categories.size()) {
                throw new IllegalArgumentException("series '" + one.name() + "' of chart '" + title + "' has "
                        + one.values().size() + " values for " + categories.size() + " categories");
            }
            legend.add(new LegendEntry(one.name(), colour(s), Swatch.BLOCK));
        }
        for (Reference r : references) {
            if (r.kind() != Reference.Kind.HORIZONTAL) {
                throw new IllegalArgumentException("bar chart '" + title + "' can only draw horizontal references");
            }
            legend.add(new LegendEntry(r.name(), REFERENCE_COLOUR, Swatch.DASHED));
        }
        // Categories sit at 0.5, 1.5, ... on a hidden numeric axis so that Frame can place them.
        Frame f = new Frame(new Axis(categoryTitle, 0, categories.size()), y, legendRows(legend));

        StringBuilder svg = open(title);
        legend(svg, legend);
        yTicks(svg, f);
        double band = (f.right - f.left) / categories.size();
        int maxChars = Math.max(1, (int) (band / CHAR_WIDTH));
        for (int c = 0; c < categories.size(); c++) {
            String label = Objects.requireNonNullElse(categories.get(c), "");
            svg.append("<text x=\"").append(num(f.px(c + 0.5))).append("\" y=\"").append(f.bottom + 14)
                    .append("\" text-anchor=\"middle\">").append(escape(shorten(label, maxChars))).append("</text>\n");
        }
        axisLines(svg, f);
        axisTitles(svg, f, categoryTitle, y.title());
        double base = Math.max(y.min(), Math.min(0, y.max()));
        double barWidth = band * 0.8 / series.size();
        for (int s = 0; s < series.size(); s++) {
            BarSeries one = series.get(s);
            svg.append("<g fill=\"").append(colour(s)).append("\">");
            for (int c = 0; c < categories.size(); c++) {
                Double boxed = one.values().get(c);
                double v = boxed == null ? Double.NaN : boxed;
                f.check(title, one.name(), c + 0.5, v);
                double x0 = f.left + band * c + band * 0.1 + barWidth * s;
                double top = Math.min(f.py(v), f.py(base));
                double height = Math.abs(f.py(v) - f.py(base));
                svg.append("<rect x=\"").append(num(x0)).append("\" y=\"").append(num(top))
                        .append("\" width=\"").append(num(barWidth)).append("\" height=\"").append(num(height))
                        .append("\"><title>").append(escape(one.name() + ": " + Objects.requireNonNullElse(categories.get(c), "") + " = " + label(v)))
                        .append("</title></rect>");
                if (series.size() == 1) {
                    svg.append("<text x=\"").append(num(x0 + barWidth / 2)).append("\" y=\"").append(num(top - 3))
                            .append("\" text-anchor=\"middle\" fill=\"#333333\">").append(escape(label(v))).append("</text>");
                }
            }
            svg.append("</g>\n");
        }
        for (Reference r : references) {
            reference(svg, f, r, false);
        }
        return svg.append("</svg>").toString();
    }

    /** Escapes the five XML special characters, which also makes the text safe inside HTML. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private enum Swatch { LINE, DOT, DASHED, BLOCK }

    private record LegendEntry(String name, String colour, Swatch swatch) {
    }

    /** Pixel geometry of the plot area and the mapping of values onto it. */
    private static final class Frame {
        final Axis x;
        final Axis y;
        final double left = LEFT;
        final double right = RIGHT;
        final double top;
        final double bottom = BOTTOM;

        Frame(Axis x, Axis y, int legendRows) {
            this.x = x;
            this.y = y;
            this.top = LEGEND_TOP + LEGEND_ROW * (legendRows - 1) + 12;
        }

        double px(double v) {
            return left + (v - x.min()) / (x.max() - x.min()) * (right - left);
        }

        double py(double v) {
            return bottom - (v - y.min()) / (y.max() - y.min()) * (bottom - top);
        }

        void check(String chart, String series, double vx, double vy) {
            // A relative tolerance absorbs rounding in ranges computed as multiples of a tick step.
            double tx = (x.max() - x.min()) * 1e-9;
            double ty = (y.max() - y.min()) * 1e-9;
            if (!(vx >= x.min() - tx && vx <= x.max() + tx && vy >= y.min() - ty && vy <= y.max() + ty)) {
                throw new IllegalArgumentException("series '" + series + "' of chart '" + chart + "' has the point ("
                        + vx + ", " + vy + ") outside the axes " + x.min() + " .. " + x.max() + " by "
                        + y.min() + " .. " + y.max());
            }
        }
    }

    private static StringBuilder open(String title) {
        StringBuilder svg = new StringBuilder(4096);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" font-family=\"sans-serif\" font-size=\"10\" role=\"img\">\n");
        svg.append("<title>").append(escape(title)).append("</title>\n");
        svg.append("<rect width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT).append("\" fill=\"#ffffff\"/>\n");
        svg.append("<text x=\"").append(WIDTH / 2).append("\" y=\"18\" text-anchor=\"middle\" font-size=\"14\" font-weight=\"bold\">")
                .append(escape(title)).append("</text>\n");
        return svg;
    }

    private static int legendRows(List<LegendEntry> legend) {
        return layoutLegend(legend, null);
    }

    private static void legend(StringBuilder svg, List<LegendEntry> legend) {
        layoutLegend(legend, svg);
    }

    /** Flows legend entries left to right, wrapping rows; draws them when {@code svg} is given. */
    private static int layoutLegend(List<LegendEntry> legend, StringBuilder svg) {
        int maxChars = (int) ((RIGHT - LEFT - 34) / CHAR_WIDTH);
        double x = LEFT;
        int row = 0;
        for (LegendEntry e : legend) {
            String text = shorten(e.name(), maxChars);
            double width = 24 + text.length() * CHAR_WIDTH + 12;
            if (x > LEFT && x + width > RIGHT) {
                x = LEFT;
                row++;
            }
            if (svg != null) {
                double y = LEGEND_TOP + LEGEND_ROW * row;
                double mid = y - 3.5;
                svg.append("<g><title>").append(escape(e.name())).append("</title>");
                switch (e.swatch()) {
                    case LINE -> svg.append("<line x1=\"").append(num(x)).append("\" y1=\"").append(num(mid))
                            .append("\" x2=\"").append(num(x + 18)).append("\" y2=\"").append(num(mid))
                            .append("\" stroke=\"").append(e.colour()).append("\" stroke-width=\"2\"/>");
                    case DASHED -> svg.append("<line x1=\"").append(num(x)).append("\" y1=\"").append(num(mid))
                            .append("\" x2=\"").append(num(x + 18)).append("\" y2=\"").append(num(mid))
                            .append("\" stroke=\"").append(e.colour()).append("\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\"/>");
                    case DOT -> svg.append("<circle cx=\"").append(num(x + 9)).append("\" cy=\"").append(num(mid))
                            .append("\" r=\"3\" fill=\"").append(e.colour()).append("\"/>");
                    case BLOCK -> svg.append("<rect x=\"").append(num(x + 3)).append("\" y=\"").append(num(mid - 5))
                            .append("\" width=\"12\" height=\"10\" fill=\"").append(e.colour()).append("\"/>");
                }
                svg.append("<text x=\"").append(num(x + 24)).append("\" y=\"").append(num(y)).append("\">")
                        .append(escape(text)).append("</text></g>\n");
            }
            x += width;
        }
        return row + 1;
    }

    private static void xTicks(StringBuilder svg, Frame f) {
        double step = niceStep(f.x.max() - f.x.min());
        for (long k = (long) Math.ceil(f.x.min() / step - 1e-9); k <= (long) Math.floor(f.x.max() / step + 1e-9); k++) {
            double v = k * step;
            String px = num(f.px(v));
            svg.append("<line x1=\"").append(px).append("\" y1=\"").append(num(f.top)).append("\" x2=\"").append(px)
                    .append("\" y2=\"").append(num(f.bottom + 4)).append("\" stroke=\"#e5e5e5\"/>")
                    .append("<text x=\"").append(px).append("\" y=\"").append(num(f.bottom + 14))
                    .append("\" text-anchor=\"middle\">").append(tick(v, step)).append("</text>\n");
        }
    }

    private static void yTicks(StringBuilder svg, Frame f) {
        double step = niceStep(f.y.max() - f.y.min());
        for (long k = (long) Math.ceil(f.y.min() / step - 1e-9); k <= (long) Math.floor(f.y.max() / step + 1e-9); k++) {
            double v = k * step;
            String py = num(f.py(v));
            svg.append("<line x1=\"").append(num(f.left - 4)).append("\" y1=\"").append(py).append("\" x2=\"")
                    .append(num(f.right)).append("\" y2=\"").append(py).append("\" stroke=\"#e5e5e5\"/>")
                    .append("<text x=\"").append(num(f.left - 6)).append("\" y=\"").append(num(f.py(v) + 3.5))
                    .append("\" text-anchor=\"end\">").append(tick(v, step)).append("</text>\n");
        }
    }

    private static void axisLines(StringBuilder svg, Frame f) {
        svg.append("<path fill=\"none\" stroke=\"#333333\" d=\"M").append(num(f.left)).append(' ').append(num(f.top))
                .append("V").append(num(f.bottom)).append("H").append(num(f.right)).append("\"/>\n");
    }

    private static void axisTitles(StringBuilder svg, Frame f, String xTitle, String yTitle) {
        double midY = (f.top + f.bottom) / 2;
        svg.append("<text x=\"").append(num((f.left + f.right) / 2)).append("\" y=\"").append(HEIGHT - 10)
                .append("\" text-anchor=\"middle\" font-size=\"11\">").append(escape(xTitle)).append("</text>\n");
        svg.append("<text x=\"14\" y=\"").append(num(midY)).append("\" text-anchor=\"middle\" font-size=\"11\" transform=\"rotate(-90 14 ")
                .append(num(midY)).append(")\">").append(escape(yTitle)).append("</text>\n");
    }

    private static void reference(StringBuilder svg, Frame f, Reference r, boolean numericX) {
        double x1;
        double y1;
        double x2;
        double y2;
        if (r.kind() == Reference.Kind.DIAGONAL) {
            double lo = Math.max(f.x.min(), f.y.min());
            double hi = Math.min(f.x.max(), f.y.max());
            if (!numericX || !(lo < hi)) {
                throw new IllegalArgumentException("reference '" + r.name() + "': the line y = x does not cross the axes");
            }
            x1 = f.px(lo);
            y1 = f.py(lo);
            x2 = f.px(hi);
            y2 = f.py(hi);
        } else {
            f.check("reference", r.name(), f.x.min(), r.y());
            x1 = f.left;
            x2 = f.right;
            y1 = f.py(r.y());
            y2 = y1;
        }
        svg.append("<line x1=\"").append(num(x1)).append("\" y1=\"").append(num(y1)).append("\" x2=\"").append(num(x2))
                .append("\" y2=\"").append(num(y2)).append("\" stroke=\"").append(REFERENCE_COLOUR)
                .append("\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\"><title>").append(escape(r.name()))
                .append("</title></line>\n");
    }

    private static String colour(int series) {
        return PALETTE[series % PALETTE.length];
    }

    /** A step of 1, 2 or 5 times a power of ten that cuts {@code range} into about five parts. */
    private static double niceStep(double range) {
        double raw = range / 5;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double normal = raw / magnitude;
        double factor = normal < 1.5 ? 1 : normal < 3 ? 2 : normal < 7 ? 5 : 10;
        return factor * magnitude;
    }

    /** Tick label with just enough decimals for the step (0.2 gives "0.4", 50 gives "150"). */
    private static String tick(double v, double step) {
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** Value label: whole numbers without decimals, others with two. */
    private static String label(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%d", (long) v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String num(double v) {
        // Rounding first and adding 0.0 turns tiny negatives into 0.0, so "-0.0" never appears.
        return String.format(Locale.ROOT, "%.1f", Math.round(v * 10) / 10.0 + 0.0);
    }

    private static String shorten(String text, int maxChars) {
        if (text.length() <= maxChars) {
            return text;
        }
        return text.substring(0, Math.max(0, maxChars - 1)) + "\u2026";
    }
}
