package com.crmscoring.infra.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Writes items in batches of 25 (DynamoDB's limit), retrying the items DynamoDB hands back as
 * unprocessed with exponential back-off, and failing loudly rather than losing them.
 */
final class BatchWriter {

    static final int BATCH_SIZE = 25;
    private static final int MAX_ATTEMPTS = 8;

    private final DynamoDbClient dynamo;

    BatchWriter(DynamoDbClient dynamo) {
        this.dynamo = dynamo;
    }

    /** @return the number of batch requests sent, retries included */
    int write(String table, List<Map<String, AttributeValue>> items) {
        int requests = 0;
        for (int from = 0; from < items.size(); from += BATCH_SIZE) {
            List<WriteRequest> batch = new ArrayList<>(BATCH_SIZE);
            for (Map<String, AttributeValue> item : items.subList(from, Math.min(items.size(), from + BATCH_SIZE))) {
                batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
            }
            Map<String, List<WriteRequest>> pending = Map.of(table, batch);
            for (int attempt = 1; !pending.isEmpty(); attempt++) {
                if (attempt > MAX_ATTEMPTS) {
                    throw new IllegalStateException(pending.get(table).size() + " items of " + table
                            + " stayed unprocessed after " + MAX_ATTEMPTS + " attempts");
                }
                Map<String, List<WriteRequest>> request = pending;
                BatchWriteItemResponse response = dynamo.batchWriteItem(b -> b.requestItems(request));
                requests++;
                pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
                if (!pending.isEmpty()) {
                    sleep(25L << attempt);
                }
            }
        }
        return requests;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while backing off", e);
        }
    }
}
