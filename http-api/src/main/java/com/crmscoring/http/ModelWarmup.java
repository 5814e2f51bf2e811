package com.crmscoring.http;

import com.crmscoring.scoring.fraud.FraudScorer;
import com.crmscoring.scoring.overview.BatchScorer;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * The API serves every route from one function, so it creates every scorer, and with them every
 * model's ONNX session, in Lambda's init phase rather than on the first request of each route.
 */
@Singleton
public class ModelWarmup {

    void warm(@Observes StartupEvent event, BatchScorer batch, FraudScorer fraud) {
        // The batch scorer holds the profile scorer, which holds churn, segment, value and offers.
        batch.toString();
        fraud.toString();
    }
}
