package com.crmscoring.testkit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/**
 * What a hostile client puts in a JSON request, for the fuzz tests of the HTTP API and of the
 * functions: one generator of hostile values and one way to plant a value in a valid request, so
 * that both entry points are tried with the same inputs.
 */
public final class HostileJson {

    /** Planted in hostile values: it is never a valid id, so no error has a reason to carry it. */
    public static final String MARK = "SECRET MARK!";

    /**
     * Writes what the generators build. Its nesting limit is raised above Jackson's default of
     * 1,000 because the deepest hostile value (3,000 arrays) must reach the function, whose own
     * parser is the one that has to refuse it.
     */
    public static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(10_000).build()).build());

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private HostileJson() {
    }

    /**
     * A generated value, as jqwik reports it when a property fails: shortened, and written with
     * {@link #JSON}, since {@code JsonNode.toString()} cannot write the deepest values.
     */
    public record Value(JsonNode node) {

        /**
         * Identity, not the node's structural equality: jqwik compares generated values (edge
         * cases, duplicates), and comparing two 3,000-deep arrays recurses past the thread's
         * stack (a StackOverflowError in the test, on some seeds).
         */
        @Override
        public boolean equals(Object o) {
            return this == o;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }

        @Override
        public String toString() {
            String s = write(node);
            return s.length() <= 120 ? s : s.substring(0, 120) + "... (" + s.length() + " characters)";
        }
    }

    /**
     * Values a valid request should never hold: numbers past every bound and beyond double or
     * long, fractions where a whole number belongs, instants beyond any calendar or before the
     * shop, strings with NUL, lone surrogates and the marker, ids up to 20,000 characters, wrong
     * types, and nesting up to 3,000 deep.
     */
    public static Arbitrary<Value> values() {
        Arbitrary<JsonNode> numbers = Arbitraries.of("9223372036854775808", "1.8e19", "1e-400", "1e400", "-1", "0", "1.5",
                "-0.0", "100001", "100000.01", "2147483648", "0.00001").map(HostileJson::parse);
        Arbitrary<JsonNode> strings = Arbitraries.oneOf(
                Arbitraries.of("", " ", MARK, "\u0000" + MARK, "\ud800" + MARK, "\ufffd" + MARK, "+1000000000-12-31T23:59:59Z",
                        "0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "1999-12-31T23:59:59Z", "2011-12-09T10:15:00",
                        "12", "NaN", "true", "null"),
                Arbitraries.strings().all().ofMaxLength(40).map(s -> MARK + s),
                Arbitraries.integers().between(60, 20_000).map(n -> MARK + "x".repeat(n)))
                .map(NODES::textNode);
        Arbitrary<JsonNode> others = Arbitraries.of(NODES.nullNode(), NODES.booleanNode(true), NODES.arrayNode(), NODES.objectNode(),
                NODES.arrayNode().add(MARK), NODES.objectNode().put("x", MARK));
        Arbitrary<JsonNode> nested = Arbitraries.integers().between(10, 3_000).map(depth -> {
            ArrayNode top = NODES.arrayNode();
            ArrayNode at = top;
            for (int d = 0; d < depth; d++) {
                at = at.addArray();
            }
            return top;
        });
        // Each kind wrapped before they are mixed, so that jqwik only ever compares Values.
        return Arbitraries.frequencyOf(Tuple.of(3, numbers.map(Value::new)), Tuple.of(4, strings.map(Value::new)),
                Tuple.of(2, others.map(Value::new)), Tuple.of(1, nested.map(Value::new)));
    }

    /** Where in a request to plant a value: a walk of child indexes, each taken modulo what is there. */
    public static Arbitrary<List<Integer>> places() {
        return Arbitraries.integers().between(0, 9).list().ofMinSize(1).ofMaxSize(5);
    }

    /** Replaces the node the walk {@code where} leads to (or the last container on the way) by {@code value}. */
    public static void plant(JsonNode root, JsonNode value, List<Integer> where) {
        JsonNode parent = root;
        for (int step = 0; step < where.size(); step++) {
            int n = parent.size();
            if (n == 0) {
                break;
            }
            int i = where.get(step) % n;
            JsonNode child = parent.isArray() ? parent.get(i) : parent.get(fieldName(parent, i));
            if (step == where.size() - 1 || !child.isContainerNode()) {
                if (parent instanceof ObjectNode o) {
                    o.set(fieldName(parent, i), value);
                } else if (parent instanceof ArrayNode a) {
                    a.set(i, value);
                }
                return;
            }
            parent = child;
        }
    }

    /** The body {@code valid} with {@code value} under its first key as well: a key given twice. */
    public static String withFirstKeyTwice(String valid, JsonNode value) {
        String compact = write(parse(valid));
        String key = compact.substring(2, compact.indexOf('"', 2));
        return "{\"" + key + "\":" + write(value) + "," + compact.substring(1);
    }

    public static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON", e);
        }
    }

    public static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String fieldName(JsonNode object, int i) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names.get(i);
    }
}
