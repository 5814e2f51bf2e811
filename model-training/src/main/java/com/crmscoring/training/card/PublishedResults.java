package com.crmscoring.training.card;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Published results on the public benchmark data, kept as data beside the code
 * ({@code training/published-results.json}, copied from {@code shared/data/README.md}) so that a
 * figure can be corrected without touching the training command.
 */
public final class PublishedResults {

    private static final String RESOURCE = "training/published-results.json";
    private final JsonNode all;

    public PublishedResults() {
        try (InputStream in = PublishedResults.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            all = new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(RESOURCE + " cannot be read", e);
        }
    }

    /** Our figure on a benchmark next to the published ones for it. */
    public ModelCard.Reference reference(String benchmark, double ours) {
        JsonNode r = all.get(benchmark);
        if (r == null) {
            throw new IllegalArgumentException("no published results for '" + benchmark + "' in " + RESOURCE);
        }
        return new ModelCard.Reference(r.get("dataset").asText(), r.get("metric").asText(), ours, r.get("published").asText(),
                all.get("_source").asText());
    }
}
