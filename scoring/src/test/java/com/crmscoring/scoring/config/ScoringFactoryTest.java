package com.crmscoring.scoring.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.onnxruntime.OrtEnvironment;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ScoringFactoryTest {

    /**
     * A function's start-up builds the graph to reach its profile store and starts the DynamoDB
     * priming read from there: if building the graph loaded ONNX Runtime's native library, the
     * read would wait for it (BENCHMARKS.md, "What each change bought").
     */
    @Test
    void onnxRuntimeIsAskedForWhenTheFirstModelLoadsAndNotBefore() {
        AtomicInteger asked = new AtomicInteger();
        try (ScoringFactory scoring = new ScoringFactory(id -> Optional.empty(), null, null, () -> {
            asked.incrementAndGet();
            return OrtEnvironment.getEnvironment();
        }, ScoringFactory.Settings.defaults())) {
            scoring.profiles();
            scoring.features();
            assertEquals(0, asked.get(), "the graph and its profile store are built without ONNX Runtime");
            scoring.churn();
            assertEquals(1, asked.get(), "the first model load asks for it");
        }
    }
}
