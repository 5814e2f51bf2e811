package com.crmscoring.scoring.observe;

import com.crmscoring.scoring.drift.DriftReport;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes metrics in CloudWatch's embedded metric format (EMF): one JSON object per line on standard
 * output, which Lambda sends to CloudWatch Logs, where the {@code _aws} member makes CloudWatch
 * extract the metrics with no API call and no agent.
 *
 * <p>Our own writer, not AWS's {@code aws-embedded-metrics} library: that library is not served
 * by this build's registry, and what it would do here is small (the format is one documented JSON
 * shape; {@code EmbeddedMetricsTest} and the packaged-function tests check every document against
 * it rule by rule, with testkit's {@code EmbeddedMetricFormat}).
 *
 * <p>Two kinds of document:
 * <ul>
 *   <li>per invocation, under no dimension, {@code Function}, {@code Function, Outcome} and
 *       {@code Outcome}: {@code Invocations}, {@code Errors} (so errors by error code) and
 *       {@code Latency};</li>
 *   <li>per model version that served it, dimensions {@code Model} and {@code Model, Version}:
 *       {@code Scored}, {@code OptedOut}, {@code Score} (the values, up to 100), one
 *       {@code ScoreBucket.*} count per fixed bucket, one count per category (such as
 *       {@code Decision.review}) and {@code DefaultedShare}.</li>
 * </ul>
 * Every dimension takes a bounded set of values (functions, error codes, model names and
 * versions); nothing about a customer is written.
 */
public final class EmbeddedMetrics {

    /** The namespace when {@code METRICS_NAMESPACE} is not set (template.yaml sets it per stack). */
    public static final String DEFAULT_NAMESPACE = "CrmScoring";
    public static final String FUNCTION = "Function";
    public static final String OUTCOME = "Outcome";
    public static final String MODEL = "Model";
    public static final String VERSION = "Version";
    public static final String INVOCATIONS = "Invocations";
    public static final String ERRORS = "Errors";
    public static final String LATENCY = "Latency";
    public static final String SCORED = "Scored";
    public static final String OPTED_OUT = "OptedOut";
    public static final String SCORE = "Score";
    public static final String DEFAULTED_SHARE = "DefaultedShare";
    public static final String FEATURE = "Feature";
    /** A challenger's comparisons with the live model (under its own Model, Version). */
    public static final String SHADOW_COMPARED = "ShadowCompared";
    public static final String SHADOW_AGREED = "ShadowAgreed";
    public static final String SHADOW_DIFFERENCE = "ShadowDifference";
    public static final String SHADOW_DROPPED = "ShadowDropped";
    public static final String SHADOW_FAILED = "ShadowFailed";
    /** A model's score drift, and the largest drift of the attributes it reads (the drift job's). */
    public static final String SCORE_PSI = "ScorePSI";
    public static final String FEATURE_PSI = "FeaturePSI";
    /** One attribute's drift, under {@code Model, Feature}. */
    public static final String PSI = "PSI";

    private static final JsonFactory JSON = new JsonFactory();

    private final String namespace;

    public EmbeddedMetrics(String namespace) {
        this.namespace = namespace == null || namespace.isBlank() ? DEFAULT_NAMESPACE : namespace;
    }

    /** The namespace of the environment ({@code METRICS_NAMESPACE}), as Lambda passes it. */
    public static EmbeddedMetrics fromEnvironment() {
        return new EmbeddedMetrics(System.getenv("METRICS_NAMESPACE"));
    }

    public String namespace() {
        return namespace;
    }

    /** The documents of one invocation: its own and one per model version that served it. */
    public List<String> documents(String function, String outcome, double latencyMs, List<ScoreMetrics.Tally> scores,
                                  long epochMillis) {
        List<String> out = new ArrayList<>(1 + scores.size());
        out.add(invocation(function, outcome, latencyMs, epochMillis));
        for (ScoreMetrics.Tally t : scores) {
            out.add(scores(t, epochMillis));
        }
        return out;
    }

    /** Writes the documents, each as one line. */
    public static void publish(List<String> documents, PrintStream to) {
        StringBuilder lines = new StringBuilder();
        documents.forEach(d -> lines.append(d).append('\n'));
        // One write, so that a log line of another thread cannot land inside a document.
        to.print(lines);
        to.flush();
    }

    String invocation(String function, String outcome, double latencyMs, long epochMillis) {
        return write(g -> {
            // No dimension (the whole stack, for the alarms), per function, per function and outcome,
            // and per outcome (server errors across functions).
            directive(g, epochMillis, List.of(List.of(), List.of(FUNCTION), List.of(FUNCTION, OUTCOME), List.of(OUTCOME)),
                    List.of(new Metric(INVOCATIONS, "Count"), new Metric(ERRORS, "Count"), new Metric(LATENCY, "Milliseconds")));
            g.writeStringField(FUNCTION, function);
            g.writeStringField(OUTCOME, outcome);
            g.writeNumberField(INVOCATIONS, 1);
            g.writeNumberField(ERRORS, InvocationLog.OK.equals(outcome) ? 0 : 1);
            g.writeNumberField(LATENCY, Math.round(latencyMs * 1000) / 1000.0);
        });
    }

    String scores(ScoreMetrics.Tally t, long epochMillis) {
        double[] values = t.values();
        double defaultedShare = t.defaultedShare();
        List<Metric> metrics = new ArrayList<>();
        metrics.add(new Metric(SCORED, "Count"));
        metrics.add(new Metric(OPTED_OUT, "Count"));
        if (values.length > 0) {
            metrics.add(new Metric(SCORE, "None"));
        }
        t.buckets().keySet().forEach(name -> metrics.add(new Metric(name, "Count")));
        t.categories().keySet().forEach(name -> metrics.add(new Metric(name, "Count")));
        if (!Double.isNaN(defaultedShare)) {
            metrics.add(new Metric(DEFAULTED_SHARE, "Percent"));
        }
        boolean shadow = t.shadowCompared() + t.shadowDropped() + t.shadowFailed() > 0;
        double[] differences = t.shadowDifferences();
        if (shadow) {
            metrics.add(new Metric(SHADOW_COMPARED, "Count"));
            metrics.add(new Metric(SHADOW_AGREED, "Count"));
            metrics.add(new Metric(SHADOW_DROPPED, "Count"));
            metrics.add(new Metric(SHADOW_FAILED, "Count"));
            if (differences.length > 0) {
                metrics.add(new Metric(SHADOW_DIFFERENCE, "None"));
            }
        }
        return write(g -> {
            directive(g, epochMillis, List.of(List.of(MODEL), List.of(MODEL, VERSION)), metrics);
            g.writeStringField(MODEL, t.model());
            g.writeStringField(VERSION, t.version());
            g.writeNumberField(SCORED, t.scored());
            g.writeNumberField(OPTED_OUT, t.optedOut());
            if (values.length > 0) {
                g.writeArrayFieldStart(SCORE);
                for (double v : values) {
                    g.writeNumber(v);
                }
                g.writeEndArray();
            }
            for (Map.Entry<String, Long> e : t.buckets().entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            for (Map.Entry<String, Long> e : t.categories().entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            if (!Double.isNaN(defaultedShare)) {
                g.writeNumberField(DEFAULTED_SHARE, Math.round(defaultedShare * 100) / 100.0);
            }
            if (shadow) {
                g.writeNumberField(SHADOW_COMPARED, t.shadowCompared());
                g.writeNumberField(SHADOW_AGREED, t.shadowAgreed());
                g.writeNumberField(SHADOW_DROPPED, t.shadowDropped());
                g.writeNumberField(SHADOW_FAILED, t.shadowFailed());
                if (differences.length > 0) {
                    g.writeArrayFieldStart(SHADOW_DIFFERENCE);
                    for (double d : differences) {
                        g.writeNumber(d);
                    }
                    g.writeEndArray();
                }
            }
        });
    }

    /**
     * The drift job's documents: per model, {@code ScorePSI} and {@code FeaturePSI} (its largest
     * attribute index) under no dimension (the alarms take the maximum over models) and under
     * {@code Model}; per attribute, {@code PSI} under {@code Model, Feature}. Attribute names are
     * the models' own, a fixed set.
     */
    public List<String> drift(DriftReport report, long epochMillis) {
        List<String> out = new ArrayList<>();
        for (DriftReport.ModelDrift m : report.models()) {
            out.add(write(g -> {
                directive(g, epochMillis, List.of(List.of(), List.of(MODEL)), List.of(new Metric(SCORE_PSI, "None"),
                        new Metric(FEATURE_PSI, "None")));
                g.writeStringField(MODEL, m.model());
                g.writeStringField(VERSION, m.version());
                g.writeNumberField(SCORE_PSI, m.score().psi());
                g.writeNumberField(FEATURE_PSI, m.maxAttributePsi());
            }));
            for (DriftReport.Index a : m.attributes()) {
                out.add(write(g -> {
                    directive(g, epochMillis, List.of(List.of(MODEL, FEATURE)), List.of(new Metric(PSI, "None")));
                    g.writeStringField(MODEL, m.model());
                    g.writeStringField(FEATURE, a.name());
                    g.writeNumberField(PSI, a.psi());
                }));
            }
        }
        return out;
    }

    private record Metric(String name, String unit) {
    }

    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private void directive(JsonGenerator g, long epochMillis, List<List<String>> dimensionSets, List<Metric> metrics) throws IOException {
        g.writeObjectFieldStart("_aws");
        g.writeNumberField("Timestamp", epochMillis);
        g.writeArrayFieldStart("CloudWatchMetrics");
        g.writeStartObject();
        g.writeStringField("Namespace", namespace);
        g.writeArrayFieldStart("Dimensions");
        for (List<String> set : dimensionSets) {
            g.writeStartArray();
            for (String d : set) {
                g.writeString(d);
            }
            g.writeEndArray();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("Metrics");
        for (Metric m : metrics) {
            g.writeStartObject();
            g.writeStringField("Name", m.name());
            g.writeStringField("Unit", m.unit());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
    }

    private static String write(Body body) {
        StringWriter out = new StringWriter(512);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            body.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
