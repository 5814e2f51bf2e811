package com.crmscoring.http;

import com.crmscoring.scoring.config.Priming;
import com.crmscoring.scoring.fraud.FraudScorer;
import com.crmscoring.scoring.overview.BatchScorer;
import com.crmscoring.scoring.overview.ProfileScorer;
import com.crmscoring.scoring.profile.ProfileRepository;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * The API serves every route from one function, so it creates every scorer, and with them every
 * model's ONNX session, in Lambda's init phase, and primes them and the DynamoDB client (see
 * {@link Priming}) rather than leaving that to the first request of each route.
 */
@Singleton
public class ModelWarmup {

    /** Held so that the SnapStart restore hook stays registered. */
    private Priming priming;

    void warm(@Observes StartupEvent event, ProfileRepository profiles, BatchScorer batch, ProfileScorer profile,
              FraudScorer fraud) {
        priming = Priming.prime(profiles, () -> {
            // The batch scorer holds the profile scorer, which holds churn, segment, value and offers.
            batch.toString();
            fraud.toString();
        }, p -> {
            profile.scoreAll(p);
            Priming.fraudCheck(fraud);
        });
    }
}
