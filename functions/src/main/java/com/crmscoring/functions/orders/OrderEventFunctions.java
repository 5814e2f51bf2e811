package com.crmscoring.functions.orders;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.crmscoring.scoring.fraud.FraudRequest;
import com.crmscoring.scoring.fraud.OrderRequests;
import com.crmscoring.scoring.orders.OrderEventProcessor;
import com.crmscoring.scoring.score.CustomerIds;
import com.crmscoring.scoring.score.InvalidRequestException;
import com.crmscoring.scoring.score.JsonRequests;
import com.crmscoring.shared.domain.Order;
import com.crmscoring.storage.orders.OrderItemMapper;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;

/**
 * New orders, from the orders table's stream or from an SQS queue. Funqy hands over one record
 * at a time; a record that throws is reported back as a batch item failure, so only it is retried,
 * and after the retries it goes to the dead-letter destination (template.yaml). Deploy one of the
 * two entries: the queue path stores the order, which the stream would then process again
 * (harmlessly, but twice).
 */
public class OrderEventFunctions {

    /** Bodies are bound here, not by the runtime, so that a wrong type is told without quoting it. */
    @Inject
    JsonRequests json;

    @Inject
    OrderEventProcessor processor;

    @Inject
    OrderRequests orders;

    @Funq("orderStream")
    public void orderStream(DynamodbEvent.DynamodbStreamRecord record) {
        if (record == null || record.getDynamodb() == null) {
            throw new InvalidRequestException("record.dynamodb", "is required");
        }
        if ("REMOVE".equals(record.getEventName())) {
            return;   // a deleted order changes no score here; retention jobs own deletions
        }
        if (record.getDynamodb().getNewImage() == null) {
            throw new InvalidRequestException("record.dynamodb.NewImage", "is required: the stream must carry new images");
        }
        Order order;
        try {
            order = new OrderItemMapper().fromItem(StreamRecords.toSdk(record.getDynamodb().getNewImage()));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("record.dynamodb.NewImage", e.getMessage());
        }
        processor.process(orders.checkStored(order));
    }

    @Funq("orderQueue")
    public void orderQueue(JsonNode body) {
        FraudRequest message = json.read(body, FraudRequest.class);
        if (message == null) {
            throw new InvalidRequestException("body", "is required");
        }
        Order order = orders.toOrder(CustomerIds.validate(message.customerId()), message.order());
        processor.storeAndProcess(order);
    }
}
