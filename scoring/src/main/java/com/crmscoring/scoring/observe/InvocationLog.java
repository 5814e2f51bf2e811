package com.crmscoring.scoring.observe;

import com.crmscoring.scoring.orders.ConcurrentUpdateException;
import com.crmscoring.scoring.score.CustomerNotFoundException;
import com.crmscoring.scoring.score.InvalidRequestException;
import com.crmscoring.scoring.score.RequestTooLargeException;
import com.crmscoring.storage.DependencyUnavailableException;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.List;
import java.util.Locale;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * One structured line per invocation, the same for every Funqy function and the HTTP API: the
 * Lambda request id, the function, the models that served it (name@version), the outcome ({@link
 * #OK} or the error code the caller got) and the latency. The fields travel as MDC entries, which
 * the JSON log formatter ({@link JsonConsoleLog}) writes as fields of the line; every other line
 * logged during the invocation carries the request id too, so one request's lines can be found
 * together in CloudWatch Logs Insights. After the line come the invocation's metrics
 * ({@link EmbeddedMetrics}): its own and those of the scores it served.
 *
 * <p>Nothing of the request is logged: no customer id, no order contents, no value of the body.
 * The outcome is a fixed code, never an exception's message.
 */
public final class InvocationLog {

    public static final String REQUEST_ID = "requestId";
    public static final String FUNCTION = "function";
    public static final String MODELS = "models";
    public static final String OUTCOME = "outcome";
    public static final String LATENCY_MS = "latencyMs";
    /** The outcome of an invocation that answered as asked. */
    public static final String OK = "ok";
    /** The message of every invocation line: a fixed text, so the line is found by it. */
    public static final String MESSAGE = "invocation";

    private static final Logger LOG = Logger.getLogger("crm.invocation");
    private static final EmbeddedMetrics METRICS = EmbeddedMetrics.fromEnvironment();

    private InvocationLog() {
    }

    /** Starts an invocation: its request id goes on every line logged until {@link #end}. */
    public static long begin(String requestId) {
        MDC.clear();
        MDC.put(REQUEST_ID, requestId == null ? "unknown" : requestId);
        return System.nanoTime();
    }

    /**
     * Writes the invocation's line and its metrics, and clears its fields.
     *
     * @param function the function's name (the Funqy export, or {@code http-api})
     * @param models   the models loaded in this container, {@code name@version}, comma-separated
     * @param outcome  {@link #OK} or the error code
     * @param start    what {@link #begin} returned
     * @param scores   what the scorers counted during the invocation (drained here), or null
     */
    public static void end(String function, String models, String outcome, long start, ScoreMetrics scores) {
        double latencyMs = (System.nanoTime() - start) / 1e6;
        MDC.put(FUNCTION, function);
        MDC.put(MODELS, models);
        MDC.put(OUTCOME, outcome);
        MDC.put(LATENCY_MS, String.format(Locale.ROOT, "%.2f", latencyMs));
        LOG.info(MESSAGE);
        MDC.clear();
        EmbeddedMetrics.publish(METRICS.documents(function, outcome, latencyMs, scores == null ? List.of() : scores.drain(),
                System.currentTimeMillis()), System.out);
    }

    /**
     * The error code a caller gets for a failure, the same names as the HTTP API's
     * ({@code openapi.yaml}): the first of the exception and its causes that says what went wrong.
     */
    public static String outcomeOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String code = codeOf(t);
            if (code != null) {
                return code;
            }
        }
        return "INTERNAL_ERROR";
    }

    private static String codeOf(Throwable t) {
        if (t instanceof InvalidRequestException) {
            return "INVALID_REQUEST";
        }
        if (t instanceof RequestTooLargeException) {
            return "REQUEST_TOO_LARGE";
        }
        if (t instanceof CustomerNotFoundException) {
            return "CUSTOMER_NOT_FOUND";
        }
        if (t instanceof DependencyUnavailableException) {
            return "DEPENDENCY_UNAVAILABLE";
        }
        if (t instanceof ConcurrentUpdateException) {
            return "CONCURRENT_UPDATE";
        }
        if (t instanceof JsonProcessingException) {
            return "MALFORMED_JSON";
        }
        return null;
    }
}
