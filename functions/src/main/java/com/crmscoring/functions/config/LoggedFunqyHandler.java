package com.crmscoring.functions.config;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.crmscoring.scoring.config.ScoringFactory;
import com.crmscoring.scoring.observe.InvocationLog;
import io.quarkus.arc.Arc;
import io.quarkus.funqy.lambda.FunqyStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The Lambda handler of every Funqy function (template.yaml's {@code Handler}): Funqy's own, with
 * one {@link InvocationLog} line around each invocation. It sits here, outside Funqy, because only
 * the handler is given Lambda's context and so the request id; Funqy's functions are not.
 */
public class LoggedFunqyHandler implements RequestStreamHandler {

    private final FunqyStreamHandler funqy = new FunqyStreamHandler();
    private String function;
    private ScoringFactory scoring;

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        long start = InvocationLog.begin(context == null ? null : context.getAwsRequestId());
        String outcome = InvocationLog.OK;
        try {
            funqy.handleRequest(input, output, context);
        } catch (IOException | RuntimeException | Error e) {
            outcome = InvocationLog.outcomeOf(e);
            throw e;
        } finally {
            ScoringFactory graph = scoring();
            InvocationLog.end(function(), graph.modelVersions(), outcome, start, graph.scoreMetrics());
        }
    }

    /** The exported function: read once Quarkus has started (the first invocation starts it). */
    private String function() {
        if (function == null) {
            function = ConfigProvider.getConfig().getOptionalValue("quarkus.funqy.export", String.class).orElse("unknown");
        }
        return function;
    }

    private ScoringFactory scoring() {
        if (scoring == null) {
            scoring = Arc.container().instance(ScoringFactory.class).get();
        }
        return scoring;
    }
}
