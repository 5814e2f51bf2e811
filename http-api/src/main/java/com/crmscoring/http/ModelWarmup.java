package com.crmscoring.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.crmscoring.scoring.config.Priming;
import com.crmscoring.scoring.fraud.FraudScorer;
import com.crmscoring.scoring.overview.BatchScorer;
import com.crmscoring.scoring.overview.CustomerOverviewScorer;
import com.crmscoring.storage.profile.ProfileStore;
import io.quarkus.amazon.lambda.http.LambdaHttpHandler;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The API serves every route from one function, so it creates every scorer, and with them every
 * model's ONNX session, in Lambda's init phase, and primes them and the DynamoDB client (see
 * {@link Priming}).
 *
 * <p>With SnapStart it also primes the request path before the snapshot: two API Gateway events
 * through Quarkus's own Lambda HTTP handler (routing, Quarkus REST, Jackson both ways, the error
 * mapping), about 160 ms that a restored container's first request would otherwise pay. This
 * cannot run at start-up: Quarkus opens its virtual HTTP channel after the start-up event, so
 * without SnapStart the first request still pays it.
 */
@Singleton
public class ModelWarmup {

    /** Held so that the SnapStart hooks stay registered (the CRaC context may hold them weakly). */
    private Priming priming;
    private final Resource requestPath = new Resource() {
        @Override
        public void beforeCheckpoint(Context<? extends Resource> context) {
            if (priming != null && priming.storeReachable()) {
                primeRequestPath();
            }
        }

        @Override
        public void afterRestore(Context<? extends Resource> context) {
            // Priming's own hook re-reads the store.
        }
    };

    void warm(@Observes StartupEvent event,
              @ConfigProperty(name = "crm.priming.enabled", defaultValue = "true") boolean primingEnabled,
              ProfileStore profiles, BatchScorer batch, CustomerOverviewScorer profile,
              FraudScorer fraud) {
        priming = Priming.prime(primingEnabled, profiles, () -> {
            // The batch scorer holds the profile scorer, which holds churn, segment, value and offers.
            batch.toString();
            fraud.toString();
        }, p -> {
            profile.scoreAll(p);
            Priming.fraudCheck(fraud);
        });
        Core.getGlobalContext().register(requestPath);
    }

    /** @return the status of each priming request: 200 for the fraud check, 404 for the unknown customer */
    static List<Integer> primeRequestPath() {
        long start = System.nanoTime();
        try {
            LambdaHttpHandler handler = new LambdaHttpHandler();
            List<Integer> statuses = new ArrayList<>();
            statuses.add(handler.handleRequest(event("/orders/fraud-check", "{\"customerId\":\"" + Priming.CUSTOMER
                    + "\",\"order\":{\"orderId\":\"priming-1\",\"orderedAt\":\"2011-12-09T12:00:00Z\",\"lines\":"
                    + "[{\"stockCode\":\"85123A\",\"quantity\":6,\"unitPrice\":2.55}]}}"), null).getStatusCode());
            statuses.add(handler.handleRequest(event("/customers/" + Priming.CUSTOMER + "/scores", null), null).getStatusCode());
            Log.infof("request path primed in %d ms (statuses %s)", (System.nanoTime() - start) / 1_000_000, statuses);
            return statuses;
        } catch (RuntimeException e) {
            Log.warnf("request path not primed (%s); the first request pays for it", e.getClass().getSimpleName());
            return List.of();
        }
    }

    private static APIGatewayV2HTTPEvent event(String path, String body) {
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey("POST " + path)
                .withRawPath(path)
                .withRawQueryString("")
                .withHeaders(Map.of("content-type", "application/json"))
                .withBody(body)
                .withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRequestId("priming")
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod("POST").withPath(path).withProtocol("HTTP/1.1").withSourceIp("127.0.0.1").build())
                        .build())
                .build();
    }
}
