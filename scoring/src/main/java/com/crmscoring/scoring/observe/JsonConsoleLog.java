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

    /**
     * The formatter finds its JSON-P provider through the context class loader. In Quarkus's test
     * mode that is Quarkus's own loader, whose provider class is not the subtype the log manager's
     * API (loaded by the class path's loader) expects; so the provider is looked up where the log
     * manager itself lives.
     */
    private static JsonFormatter jsonFormatter() {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(JsonFormatter.class.getClassLoader());
        try {
            JsonFormatter json = new JsonFormatter();
            json.setRecordDelimiter("\n");
            json.setPrintDetails(false);
            return json;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static void install(Handler handler) {
        if (handler instanceof ConsoleHandler console) {
            console.setFormatter(jsonFormatter());
        }
        if (handler instanceof ExtHandler ext) {
            for (Handler nested : ext.getHandlers()) {
                install(nested);
            }
        }
    }
}
