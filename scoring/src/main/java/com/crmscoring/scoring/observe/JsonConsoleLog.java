package com.crmscoring.scoring.observe;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.logging.Handler;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.formatters.JsonFormatter;
import org.jboss.logmanager.handlers.ConsoleHandler;

/**
 * Makes every line the functions and the HTTP API log one JSON object, with JBoss LogManager's own
 * {@link JsonFormatter} (the logging backend Quarkus already runs on) set on Quarkus's console
 * handler before anything of ours logs: the first observer of start-up. The fields are the record's
 * (timestamp, level, loggerName, message, threadName, exception) and the MDC, where {@link
 * InvocationLog} puts its request id, function, models, outcome and latency: "mdc.outcome" in
 * CloudWatch Logs Insights. The same on the managed runtime, the custom runtime and locally.
 *
 * <p>Why not the quarkus-logging-json extension: its deployment artifact is not served by this
 * build's registry. Why not Lambda's JSON log format: for Java it structures only what goes through
 * Lambda's own logger, and a custom runtime gets none of it; our lines would stay plain strings.
 */
@Singleton
public class JsonConsoleLog {

    void install(@Observes @Priority(1) StartupEvent event) {
        for (Handler handler : LogContext.getLogContext().getLogger("").getHandlers()) {
            install(handler);
        }
    }

    private static void install(Handler handler) {
        if (handler instanceof ConsoleHandler console) {
            JsonFormatter json = new JsonFormatter();
            json.setRecordDelimiter("\n");
            json.setPrintDetails(false);
            console.setFormatter(json);
        }
        if (handler instanceof ExtHandler ext) {
            for (Handler nested : ext.getHandlers()) {
                install(nested);
            }
        }
    }
}
