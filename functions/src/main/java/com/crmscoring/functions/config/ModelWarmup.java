package com.crmscoring.functions.config;

import com.crmscoring.scoring.churn.ChurnScorer;
import com.crmscoring.scoring.config.Priming;
import com.crmscoring.scoring.fraud.FraudScorer;
import com.crmscoring.scoring.offer.NextBestOfferScorer;
import com.crmscoring.scoring.orders.OrderEventProcessor;
import com.crmscoring.scoring.overview.BatchScorer;
import com.crmscoring.scoring.overview.CustomerOverviewScorer;
import com.crmscoring.scoring.privacy.PrivacyRequests;
import com.crmscoring.scoring.score.CustomerFeatures;
import com.crmscoring.scoring.segment.SegmentScorer;
import com.crmscoring.scoring.value.LifetimeValueScorer;
import com.crmscoring.storage.profile.ProfileStore;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Creates, at start-up, the scorers (and so the models) of the function this container exports,
 * and primes them and the DynamoDB client (see {@link Priming}): the ONNX sessions are built in
 * Lambda's init phase, a model that does not match its metadata stops the container before it
 * takes a request, and the first request pays no set-up.
 */
@Singleton
public class ModelWarmup {

    /** Held so that the SnapStart restore hook stays registered. */
    private Priming priming;

    void warm(@Observes StartupEvent event, @ConfigProperty(name = "quarkus.funqy.export") String export,
              @ConfigProperty(name = "crm.priming.enabled", defaultValue = "true") boolean primingEnabled,
              ProfileStore profiles, Instance<ChurnScorer> churn, Instance<SegmentScorer> segment,
              Instance<LifetimeValueScorer> value, Instance<NextBestOfferScorer> offers, Instance<FraudScorer> fraud,
              Instance<CustomerOverviewScorer> profile, Instance<BatchScorer> batch, Instance<OrderEventProcessor> orders,
              Instance<PrivacyRequests> privacy) {
        // Singletons are client proxies: calling a method makes CDI create the real instance.
        Runnable load;
        Consumer<List<CustomerFeatures>> score;
        switch (export) {
            case "churn" -> {
                load = () -> churn.get().toString();
                score = p -> churn.get().scoreAll(p);
            }
            case "segment" -> {
                load = () -> segment.get().toString();
                score = p -> segment.get().scoreAll(p);
            }
            case "lifetimeValue" -> {
                load = () -> value.get().toString();
                score = p -> value.get().scoreAll(p);
            }
            case "nextBestOffer" -> {
                load = () -> offers.get().toString();
                score = p -> offers.get().scoreAll(p);
            }
            case "fraud" -> {
                load = () -> fraud.get().toString();
                score = p -> Priming.fraudCheck(fraud.get());
            }
            case "profileScore", "batchScore" -> {
                load = () -> (export.equals("batchScore") ? batch.get() : profile.get()).toString();
                score = p -> profile.get().scoreAll(p);
            }
            case "orderStream", "orderQueue" -> {
                load = () -> orders.get().toString();
                score = p -> {
                    Priming.fraudCheck(fraud.get());
                    churn.get().scoreAll(p);
                    segment.get().scoreAll(p);
                    value.get().scoreAll(p);
                };
            }
            case "privacy" -> {
                load = () -> privacy.get().toString();
                score = p -> { };   // no model: it only writes consent and erases
            }
            case "drift" -> {
                // A daily job: its four models load at start, nothing is primed (no one waits on it).
                load = () -> profile.get().toString();
                score = p -> { };
            }
            default -> throw new IllegalStateException("quarkus.funqy.export names no function of this build: '" + export + "'");
        }
        priming = Priming.prime(primingEnabled, profiles, load, score);
    }
}
