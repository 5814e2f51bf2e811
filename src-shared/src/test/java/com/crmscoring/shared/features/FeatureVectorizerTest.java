package com.crmscoring.shared.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeatureVectorizerTest {

    private static final List<String> MODEL_COLUMNS = List.of(
            "country=France", "country=United Kingdom", "country=__other__",
            "profilingOptOut", "recencyDays", "spendTrend90");

    @Test
    void encodesGoldenRows_inTheModelsColumnOrder() throws IOException {
        FeatureVectorizer vectorizer = new FeatureVectorizer(FeatureSpec.fromJson(resource("golden/spec-small.json")), MODEL_COLUMNS);
        int cases = 0;
        for (String line : resource("golden/vectors-small.csv").split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(";", -1);
            Map<String, Object> raw = new HashMap<>();
            raw.put("recencyDays", f[1]);
            raw.put("spendTrend90", f[2]);
            raw.put("country", f[3]);
            raw.put("profilingOptOut", f[4]);
            float[] out = new float[vectorizer.width()];
            List<String> defaulted = vectorizer.encodeInto(raw::get, out, 0);

            float[] expected = parse(f[5]);
            assertArrayEquals(expected, out, 1e-6f, f[0]);
            List<String> expectedDefaults = f[6].isEmpty() ? List.of() : Arrays.asList(f[6].split(","));
            assertEquals(expectedDefaults, defaulted, f[0]);
            cases++;
        }
        assertEquals(3, cases);
    }

    @Test
    void refusesAModelColumnTheSpecificationCannotProduce() {
        FeatureSpec spec = FeatureSpec.fromJson(resource("golden/spec-small.json"));
        List<String> columns = new ArrayList<>(MODEL_COLUMNS);
        columns.add("tenureDays");
        FeatureSchemaMismatchException e = assertThrows(FeatureSchemaMismatchException.class,
                () -> new FeatureVectorizer(spec, columns));
        assertTrue(e.getMessage().contains("tenureDays"), e.getMessage());
    }

    @Test
    void ignoresSpecificationColumnsTheModelNeverSaw() {
        FeatureSpec spec = FeatureSpec.fromJson(resource("golden/spec-small.json"));
        // A model trained without any French customer has no country=France column.
        List<String> columns = List.of("spendTrend90", "country=United Kingdom", "country=__other__");
        FeatureVectorizer vectorizer = new FeatureVectorizer(spec, columns);
        Map<String, Object> raw = Map.of("country", "France", "spendTrend90", 0.1);
        assertArrayEquals(new float[] {0f, 0f, 0f}, vectorizer.vectorize(raw::get), 1e-6f);
        assertEquals(2, vectorizer.groups().size());
    }

    @Test
    void baselineIsTheTypicalCustomer() {
        FeatureVectorizer vectorizer = new FeatureVectorizer(FeatureSpec.fromJson(resource("golden/spec-small.json")), MODEL_COLUMNS);
        float[] v = new float[vectorizer.width()];
        Arrays.fill(v, 9f);
        for (FeatureVectorizer.FeatureGroup g : vectorizer.groups()) {
            g.resetToBaseline(v, 0);
        }
        assertArrayEquals(new float[] {0, 1, 0, 0, 0, 0}, v, 0f);
    }

    @Test
    void specificationSurvivesAJsonRoundTrip() {
        FeatureSpec spec = FeatureSpec.fromJson(resource("golden/spec-small.json"));
        assertEquals(spec, FeatureSpec.fromJson(spec.toJson()));
    }

    @Test
    void rejectsMalformedSpecificationJson_withTheReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FeatureSpec.fromJson("{\"features\":[{\"kind\":\"numberish\",\"name\":\"x\"}]}"));
        assertTrue(e.getMessage().contains("numberish"), e.getMessage());
    }

    private static float[] parse(String csv) {
        String[] parts = csv.split(",");
        float[] out = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Float.parseFloat(parts[i]);
        }
        return out;
    }

    static String resource(String name) {
        try (InputStream in = FeatureVectorizerTest.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
