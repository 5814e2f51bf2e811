package com.crmscoring.functions.config;

import com.crmscoring.scoring.churn.ChurnScorer;
import com.crmscoring.scoring.fraud.FraudScorer;
import com.crmscoring.scoring.offer.NextBestOfferScorer;
import com.crmscoring.scoring.orders.OrderEventProcessor;
import com.crmscoring.scoring.overview.BatchScorer;
import com.crmscoring.scoring.overview.ProfileScorer;
import com.crmscoring.scoring.segment.SegmentScorer;
import com.crmscoring.scoring.value.LifetimeValueScorer;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Creates, at start-up, the scorer (and so the models) of the function this container exports:
 * the ONNX sessions are built in Lambda's init phase, and a model that does not match its
 * metadata stops the container before it takes a request.
 */
@Singleton
public class ModelWarmup {

    void warm(@Observes StartupEvent event, @ConfigProperty(name = "quarkus.funqy.export") String export,
              Instance<ChurnScorer> churn, Instance<SegmentScorer> segment, Instance<LifetimeValueScorer> value,
              Instance<NextBestOfferScorer> offers, Instance<FraudScorer> fraud, Instance<ProfileScorer> profile,
              Instance<BatchScorer> batch, Instance<OrderEventProcessor> orders) {
        Object warmed = switch (export) {
            case "churn" -> churn.get();
            case "segment" -> segment.get();
            case "lifetimeValue" -> value.get();
            case "nextBestOffer" -> offers.get();
            case "fraud" -> fraud.get();
            case "profileScore" -> profile.get();
            case "batchScore" -> batch.get();
            case "orderStream", "orderQueue" -> orders.get();
            default -> throw new IllegalStateException("quarkus.funqy.export names no function of this build: '" + export + "'");
        };
        // Singletons are client proxies: calling a method makes CDI create the real instance now.
        warmed.toString();
    }
}
