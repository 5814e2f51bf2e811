package com.crmscoring.testkit;

import com.crmscoring.infra.dynamo.TableDefinitions;
import com.crmscoring.infra.dynamo.TableNames;
import com.crmscoring.infra.load.RetailLoader;
import com.crmscoring.infra.local.LocalDynamoDb;
import com.crmscoring.shared.aggregates.CustomerHistory;
import com.crmscoring.shared.domain.CustomerAttributes;
import com.crmscoring.shared.domain.Order;
import com.crmscoring.shared.domain.OrderLine;
import com.crmscoring.shared.offers.OfferCatalogue;
import com.crmscoring.storage.orders.OrderItemMapper;
import com.crmscoring.storage.profile.ProfileItemMapper;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Starts the real DynamoDB Local for a Quarkus test, creates the tables, loads a few real Online
 * Retail customers (when the public data is present) and a few fixture profiles, and points the
 * function's DynamoDB client at it.
 */
public class DynamoDbLocalResource implements QuarkusTestResourceLifecycleManager {

    public static final TableNames TABLES = new TableNames("crm-profiles-test", "crm-orders-test");
    public static final Path DATA = Path.of(System.getProperty("crm.data.dir", "../../shared/data"), "online-retail.csv.gz");
    /** Real customers of the Online Retail data loaded for tests. */
    public static final Set<String> REAL_CUSTOMERS = Set.of("12347", "12680", "17850", "13047", "18074", DynamoDbLocalResource.BEST);
    /**
     * The shop's best customer: about 200 invoices, and every offer family bought in the last 30
     * days of the data, so every offer is "already owned" (the replenishment case).
     */
    public static final String BEST = "12748";
    /** A customer who objected to profiling. */
    public static final String OPTED_OUT = "FIXTURE-OPTOUT";
    /** A profile item holding only its key, as-of date and recency: every other attribute is missing. */
    public static final String SPARSE = "FIXTURE-SPARSE";
    /** A customer whose consent the privacy examples record and withdraw. */
    public static final String PRIVACY = "FIXTURE-PRIVACY";
    /** A customer with orders whom the erasure examples erase. */
    public static final String ERASE = "FIXTURE-ERASE";
    /** A regular fixture customer, scored whether or not the public data is present. */
    public static final String REGULAR = "FIXTURE-REGULAR";

    private static final Instant AS_OF = Instant.parse("2011-12-10T00:00:00Z");

    private static volatile LocalDynamoDb current;
    private LocalDynamoDb local;

    /** The running server, for tests that write or read DynamoDB themselves. */
    public static LocalDynamoDb current() {
        return current;
    }

    public static boolean realDataPresent() {
        return Files.exists(DATA);
    }

    @Override
    public Map<String, String> start() {
        local = LocalDynamoDb.start();
        current = local;
        try (DynamoDbClient dynamo = local.client()) {
            TableDefinitions.ensureTables(dynamo, TABLES);
            if (realDataPresent()) {
                new RetailLoader(dynamo, TABLES, line -> { }).load(DATA, REAL_CUSTOMERS::contains);
            }
            ProfileItemMapper mapper = new ProfileItemMapper();
            OfferCatalogue catalogue = OfferCatalogue.loadDefault();
            List<Order> orders = List.of(
                    order("F1", "2011-03-01T10:00:00Z", 12, 2.5),
                    order("F2", "2011-08-15T10:00:00Z", 40, 1.25),
                    order("F3", "2011-11-20T10:00:00Z", 6, 4.95));
            CustomerHistory history = CustomerHistory.of(orders, null, catalogue);
            dynamo.putItem(b -> b.tableName(TABLES.profiles()).item(mapper.toItem(REGULAR, history, catalogue, false, AS_OF)));
            dynamo.putItem(b -> b.tableName(TABLES.profiles()).item(mapper.toItem(OPTED_OUT, history, catalogue, true, AS_OF)));
            dynamo.putItem(b -> b.tableName(TABLES.profiles()).item(mapper.toItem(PRIVACY, history, catalogue, false, AS_OF)));
            OrderItemMapper orderMapper = new OrderItemMapper();
            List<Order> erasable = orders.stream().map(o -> new Order(o.orderId(), ERASE, o.orderedAt(), o.country(), false, o.lines()))
                    .toList();
            erasable.forEach(o -> dynamo.putItem(b -> b.tableName(TABLES.orders()).item(orderMapper.toItem(o))));
            dynamo.putItem(b -> b.tableName(TABLES.profiles()).item(mapper.toItem(ERASE, CustomerHistory.of(erasable, null, catalogue),
                    catalogue, false, AS_OF)));
            dynamo.putItem(b -> b.tableName(TABLES.profiles()).item(Map.of(
                    CustomerAttributes.CUSTOMER_ID, AttributeValue.fromS(SPARSE),
                    CustomerAttributes.AS_OF, AttributeValue.fromS(AS_OF.toString()),
                    "recencyDays", AttributeValue.fromN("200"))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "quarkus.dynamodb.endpoint-override", local.endpoint().toString(),
                "quarkus.dynamodb.aws.region", LocalDynamoDb.REGION.id(),
                "quarkus.dynamodb.aws.credentials.type", "static",
                "quarkus.dynamodb.aws.credentials.static-provider.access-key-id", "local",
                "quarkus.dynamodb.aws.credentials.static-provider.secret-access-key", "local",
                "crm.tables.profiles", TABLES.profiles(),
                "crm.tables.orders", TABLES.orders(),
                // Scores without an asOf describe the end of the bundled 2011 data, not today.
                "crm.clock.fixed", AS_OF.toString());
    }

    /**
     * The environment a packaged function needs to reach this DynamoDB Local, as template.yaml
     * would set it (table names) plus the endpoint and static credentials of a local run.
     *
     * @param config what {@link #start()} returned
     */
    public static Map<String, String> lambdaEnvironment(Map<String, String> config) {
        return lambdaEnvironment(config.get("quarkus.dynamodb.endpoint-override"), TABLES);
    }

    /** The same for any DynamoDB Local endpoint and tables. */
    public static Map<String, String> lambdaEnvironment(String endpoint, TableNames tables) {
        return Map.of(
                "PROFILES_TABLE", tables.profiles(),
                "ORDERS_TABLE", tables.orders(),
                "QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE", endpoint,
                "QUARKUS_DYNAMODB_AWS_REGION", LocalDynamoDb.REGION.id(),
                "QUARKUS_DYNAMODB_AWS_CREDENTIALS_TYPE", "static",
                "QUARKUS_DYNAMODB_AWS_CREDENTIALS_STATIC_PROVIDER_ACCESS_KEY_ID", "local",
                "QUARKUS_DYNAMODB_AWS_CREDENTIALS_STATIC_PROVIDER_SECRET_ACCESS_KEY", "local",
                "CRM_CLOCK_FIXED", AS_OF.toString());
    }

    private static Order order(String id, String at, int quantity, double price) {
        return new Order(id, REGULAR, Instant.parse(at), "United Kingdom", false,
                List.of(new OrderLine("85123A", "WHITE HANGING HEART T-LIGHT HOLDER", quantity, price)));
    }

    @Override
    public void stop() {
        if (local != null) {
            local.close();
        }
    }
}
