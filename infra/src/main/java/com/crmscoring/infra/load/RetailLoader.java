package com.crmscoring.infra.load;

import com.crmscoring.infra.dynamo.TableNames;
import com.crmscoring.shared.aggregates.CustomerHistory;
import com.crmscoring.shared.aggregates.ProfileBuilder;
import com.crmscoring.shared.domain.Order;
import com.crmscoring.shared.domain.Orders;
import com.crmscoring.shared.offers.OfferCatalogue;
import com.crmscoring.shared.retail.OnlineRetailReader;
import com.crmscoring.storage.orders.OrderItemMapper;
import com.crmscoring.storage.profile.ProfileItemMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Imports an Online Retail export into the orders and profiles tables.
 *
 * <p>Idempotent: items are keyed by customer and invoice, and profiles are computed as of the
 * end of the data (not as of "now"), so a second run writes the same items again and changes
 * nothing. Rejected lines are reported by reason, never dropped silently. It loads empty tables:
 * a profile item is written whole, so on a live table it would reset consent that the shop
 * recorded since.
 */
public final class RetailLoader {

    /** What a load did. */
    public record Report(long linesRead, long linesRejected, Map<String, Long> rejectedByReason, int ordersWritten,
                         int cancellationsWritten, int profilesWritten, Instant profilesAsOf, int batchRequests) {
    }

    private final DynamoDbClient dynamo;
    private final TableNames tables;
    private final Consumer<String> progress;

    public RetailLoader(DynamoDbClient dynamo, TableNames tables, Consumer<String> progress) {
        this.dynamo = dynamo;
        this.tables = tables;
        this.progress = progress;
    }

    /**
     * @param customers which customers to load (all of them: {@code id -> true}); the profiles'
     *                  as-of date is the end of the whole file either way
     */
    public Report load(Path file, Predicate<String> customers) throws IOException {
        OnlineRetailReader.Result read = new OnlineRetailReader().read(file);
        progress.accept(String.format("read %,d lines: %,d accepted into %,d orders, %,d rejected %s",
                read.linesRead(), read.linesAccepted(), read.orders().size(), read.linesRejected(), read.rejected()));
        Instant asOf = ProfileBuilder.observationEnd(read.orders());

        Map<String, List<Order>> byCustomer = Orders.byCustomer(
                read.orders().stream().filter(o -> customers.test(o.customerId())).toList());
        OrderItemMapper orderMapper = new OrderItemMapper();
        ProfileItemMapper profileMapper = new ProfileItemMapper();
        // Per-family history for next-best-offer scoring, with the catalogue the model is trained on by default.
        OfferCatalogue catalogue = OfferCatalogue.loadDefault();
        BatchWriter writer = new BatchWriter(dynamo);

        List<Map<String, AttributeValue>> orderItems = new ArrayList<>();
        List<Map<String, AttributeValue>> profileItems = new ArrayList<>();
        int cancellations = 0;
        for (Map.Entry<String, List<Order>> e : byCustomer.entrySet()) {
            for (Order order : e.getValue()) {
                orderItems.add(orderMapper.toItem(order));
                if (order.cancellation()) {
                    cancellations++;
                }
            }
            // The public data carries no consent flags: every imported customer starts opted in. The
            // stored history lets scoring compute features for any later instant; the snapshot
            // beside it describes the end of the data.
            profileItems.add(profileMapper.toItem(e.getKey(), CustomerHistory.of(e.getValue(), null, catalogue), catalogue, false,
                    asOf));
        }
        int requests = 0;
        int chunk = 2_000;
        for (int from = 0; from < orderItems.size(); from += chunk) {
            requests += writer.write(tables.orders(), orderItems.subList(from, Math.min(orderItems.size(), from + chunk)));
            progress.accept(String.format("orders   %,6d / %,d", Math.min(orderItems.size(), from + chunk), orderItems.size()));
        }
        requests += writer.write(tables.profiles(), profileItems);
        progress.accept(String.format("profiles %,6d / %,d (as of %s)", profileItems.size(), profileItems.size(), asOf));
        return new Report(read.linesRead(), read.linesRejected(), read.rejected(), orderItems.size(), cancellations,
                profileItems.size(), asOf, requests);
    }
}
