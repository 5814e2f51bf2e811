package com.crmscoring.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The events the benchmarks send, built from the repository's own event files where there is one. */
final class BenchEvents {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectNode SCORES = read("../events/http-api/customerScores.json");
    private static final ObjectNode QUEUE = read("../events/orderQueue.json");

    private BenchEvents() {
    }

    /** events/http-api/customerScores.json for another customer. */
    static String scores(String customerId) {
        ObjectNode e = SCORES.deepCopy();
        String path = "/customers/" + customerId + "/scores";
        e.put("rawPath", path);
        ((ObjectNode) e.path("requestContext").path("http")).put("path", path);
        ((ObjectNode) e.path("pathParameters")).put("customerId", customerId);
        return e.toString();
    }

    /** An SQS batch of new orders (a one-line order per record), shaped as events/orderQueue.json. */
    static String sqsOrders(List<String> customers, int batch, int size, String prefix) {
        ObjectNode e = QUEUE.deepCopy();
        ArrayNode records = (ArrayNode) e.get("Records");
        ObjectNode template = (ObjectNode) records.get(0);
        records.removeAll();
        for (int i = 0; i < size; i++) {
            int n = batch * size + i;
            ObjectNode r = template.deepCopy();
            String orderId = prefix + "-" + n;
            r.put("messageId", orderId);
            r.put("body", "{\"customerId\":\"" + customers.get(n % customers.size()) + "\",\"order\":{\"orderId\":\"" + orderId
                    + "\",\"orderedAt\":\"2011-12-09T09:30:00Z\",\"country\":\"United Kingdom\",\"lines\":[{\"stockCode\":\"85123A\","
                    + "\"description\":\"WHITE HANGING HEART T-LIGHT HOLDER\",\"quantity\":" + (1 + n % 24) + ",\"unitPrice\":2.55}]}}");
            records.add(r);
        }
        return e.toString();
    }

    /** {"customerIds": [...]}: 100 customers, a different window per batch. */
    static String batch(List<String> customers, int batch) {
        ObjectNode e = JSON.createObjectNode();
        ArrayNode ids = e.putArray("customerIds");
        for (int i = 0; i < 100; i++) {
            ids.add(customers.get((batch * 100 + i) % customers.size()));
        }
        return e.toString();
    }

    private static ObjectNode read(String file) {
        try {
            return (ObjectNode) JSON.readTree(Files.readString(Path.of(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
