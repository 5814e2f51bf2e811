package com.crmscoring.infra.local;

import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The real DynamoDB Local server (from Maven Central), run in this JVM and reached over HTTP on
 * 127.0.0.1, exactly as a function reaches DynamoDB. In memory, one shared database for every
 * access key and region, and no telemetry (which would call AWS).
 */
public final class LocalDynamoDb implements AutoCloseable {

    /** The region and credentials DynamoDB Local accepts; nothing leaves the machine. */
    public static final Region REGION = Region.US_EAST_1;
    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));

    /**
     * DynamoDB Local logs every refused conditional write as a warning with a stack trace. Refusals
     * are how concurrent writers here learn they lost a race, so they are expected, not warnings.
     * Held here: java.util.logging keeps loggers weakly, and a collected one forgets its level.
     */
    private static final java.util.logging.Logger REQUEST_LOG =
            java.util.logging.Logger.getLogger("software.amazon.dynamodb.services.local.server.LocalDynamoDBServerHandler");

    private final DynamoDBProxyServer server;
    private final URI endpoint;

    private LocalDynamoDb(DynamoDBProxyServer server, int port) {
        this.server = server;
        this.endpoint = URI.create("http://127.0.0.1:" + port);
    }

    /** Starts a server on a free port. */
    public static LocalDynamoDb start() {
        return start(freePort());
    }

    /** Starts a server on {@code port} (0 picks a free one). */
    public static LocalDynamoDb start(int port) {
        int chosen = port == 0 ? freePort() : port;
        REQUEST_LOG.setLevel(java.util.logging.Level.SEVERE);
        try {
            DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(new String[] {
                    "-inMemory", "-sharedDb", "-disableTelemetry", "-port", Integer.toString(chosen)});
            server.start();
            return new LocalDynamoDb(server, chosen);
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start on port " + chosen + ": " + e.getMessage(), e);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    /** A client for this server, with the url-connection HTTP client the functions use too. */
    public DynamoDbClient client() {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(CREDENTIALS)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    /** A streams client for this server: DynamoDB Local keeps streams but triggers nothing. */
    public DynamoDbStreamsClient streamsClient() {
        return DynamoDbStreamsClient.builder()
                .endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(CREDENTIALS)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not stop cleanly", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free local port", e);
        }
    }
}
