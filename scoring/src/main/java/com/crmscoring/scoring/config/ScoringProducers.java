package com.crmscoring.scoring.config;

import ai.onnxruntime.OrtEnvironment;
import com.crmscoring.scoring.churn.ChurnScorer;
import com.crmscoring.scoring.fraud.FraudScorer;
import com.crmscoring.scoring.model.ModelResources;
import com.crmscoring.scoring.offer.NextBestOfferScorer;
import com.crmscoring.scoring.orders.DynamoDbOrderStore;
import com.crmscoring.scoring.orders.OrderEventProcessor;
import com.crmscoring.scoring.orders.OrderStore;
import com.crmscoring.scoring.overview.BatchScorer;
import com.crmscoring.scoring.overview.ProfileScorer;
import com.crmscoring.scoring.privacy.DynamoDbPrivacyStore;
import com.crmscoring.scoring.privacy.PrivacyRequests;
import com.crmscoring.scoring.profile.DynamoDbProfileRepository;
import com.crmscoring.scoring.profile.ProfileRepository;
import com.crmscoring.scoring.score.ProfileLookup;
import com.crmscoring.scoring.segment.SegmentScorer;
import com.crmscoring.scoring.value.LifetimeValueScorer;
import com.crmscoring.shared.model.OnnxModel;
import com.crmscoring.shared.offers.OfferCatalogue;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * CDI wiring of the plain scoring classes. Every model is a lazy singleton: {@link ModelWarmup}
 * creates, at start-up, only the ones the exported function needs, so a container loads one
 * session per model it uses, once, in Lambda's init phase.
 */
public class ScoringProducers {

    private static final System.Logger LOG = System.getLogger(ScoringProducers.class.getName());

    /** ONNX Runtime's own setting: a folder holding its native libraries. */
    static final String NATIVE_PATH_PROPERTY = "onnxruntime.native.path";
    /** The same as an environment variable, which both the JVM and the native runtime see (template.yaml sets it). */
    static final String NATIVE_PATH_ENV = "ONNXRUNTIME_NATIVE_PATH";

    /**
     * ONNX Runtime's first use loads its native library: from the folder {@value #NATIVE_PATH_ENV}
     * names (template.yaml's layer), else extracted from its jar to TMPDIR (about 150 ms more). A
     * folder without the library is logged and ignored rather than failing the container. The log
     * line says which and how long it took; the cold-start benchmark reads it.
     */
    @Produces
    @Singleton
    OrtEnvironment ortEnvironment() {
        String folder = System.getenv(NATIVE_PATH_ENV);
        if (System.getProperty(NATIVE_PATH_PROPERTY) == null && folder != null && !folder.isBlank()) {
            if (java.nio.file.Files.isRegularFile(java.nio.file.Path.of(folder, "libonnxruntime.so"))) {
                System.setProperty(NATIVE_PATH_PROPERTY, folder);
            } else {
                LOG.log(System.Logger.Level.WARNING, () -> NATIVE_PATH_ENV + "=" + folder
                        + " holds no libonnxruntime.so (is the layer attached?); extracting it from the jar instead");
            }
        }
        long start = System.nanoTime();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        String path = System.getProperty(NATIVE_PATH_PROPERTY);
        LOG.log(System.Logger.Level.INFO, () -> String.format("ONNX Runtime environment ready in %d ms (native library %s)",
                (System.nanoTime() - start) / 1_000_000, path == null ? "extracted from the jar" : "from " + path));
        return env;
    }

    @Produces
    @Singleton
    @Named("churn")
    OnnxModel churnModel(OrtEnvironment env, @ConfigProperty(name = "crm.models.churn") String resource) {
        return ModelResources.load(env, resource);
    }

    @Produces
    @Singleton
    @Named("segments")
    OnnxModel segmentModel(OrtEnvironment env, @ConfigProperty(name = "crm.models.segments") String resource) {
        return ModelResources.load(env, resource);
    }

    @Produces
    @Singleton
    @Named("lifetime-value")
    OnnxModel lifetimeValueModel(OrtEnvironment env, @ConfigProperty(name = "crm.models.lifetime-value") String resource) {
        return ModelResources.load(env, resource);
    }

    @Produces
    @Singleton
    @Named("next-best-offer")
    OnnxModel nextBestOfferModel(OrtEnvironment env, @ConfigProperty(name = "crm.models.next-best-offer") String resource) {
        return ModelResources.load(env, resource);
    }

    @Produces
    @Singleton
    @Named("fraud-anomaly")
    OnnxModel fraudModel(OrtEnvironment env, @ConfigProperty(name = "crm.models.fraud-anomaly") String resource) {
        return ModelResources.load(env, resource);
    }

    void closeChurn(@Disposes @Named("churn") OnnxModel model) {
        model.close();
    }

    void closeSegments(@Disposes @Named("segments") OnnxModel model) {
        model.close();
    }

    void closeValue(@Disposes @Named("lifetime-value") OnnxModel model) {
        model.close();
    }

    void closeOffers(@Disposes @Named("next-best-offer") OnnxModel model) {
        model.close();
    }

    void closeFraud(@Disposes @Named("fraud-anomaly") OnnxModel model) {
        model.close();
    }

    @Produces
    @Singleton
    ProfileRepository profileRepository(DynamoDbClient dynamo, @ConfigProperty(name = "crm.tables.profiles") String table) {
        return new DynamoDbProfileRepository(dynamo, table);
    }

    /**
     * "Now" for scores asked without {@code asOf}: the system clock, or a fixed instant when
     * {@code crm.clock.fixed} is set (the local run and the tests score the bundled 2011 data as of
     * its end; a deployment never sets it).
     */
    @Produces
    @Singleton
    Clock clock(@ConfigProperty(name = "crm.clock.fixed") Optional<String> fixed) {
        return fixed.map(t -> Clock.fixed(Instant.parse(t), ZoneOffset.UTC)).orElseGet(Clock::systemUTC);
    }

    /** The offer families of the next-best-offer attributes: the catalogue the model is trained with by default. */
    @Produces
    @Singleton
    ProfileLookup profileLookup(ProfileRepository profiles, Clock clock) {
        return new ProfileLookup(profiles, clock, OfferCatalogue.loadDefault());
    }

    @Produces
    @Singleton
    ChurnScorer churnScorer(ProfileLookup lookup, @Named("churn") OnnxModel model) {
        return new ChurnScorer(lookup, model);
    }

    @Produces
    @Singleton
    SegmentScorer segmentScorer(ProfileLookup lookup, @Named("segments") OnnxModel model) {
        return new SegmentScorer(lookup, model);
    }

    @Produces
    @Singleton
    LifetimeValueScorer lifetimeValueScorer(ProfileLookup lookup, @Named("lifetime-value") OnnxModel model) {
        return new LifetimeValueScorer(lookup, model);
    }

    @Produces
    @Singleton
    NextBestOfferScorer nextBestOfferScorer(ProfileLookup lookup, @Named("next-best-offer") OnnxModel model) {
        return new NextBestOfferScorer(lookup, model);
    }

    @Produces
    @Singleton
    FraudScorer fraudScorer(ProfileLookup lookup, @Named("fraud-anomaly") OnnxModel model,
                            @ConfigProperty(name = "crm.fraud.review-threshold") Optional<Double> review,
                            @ConfigProperty(name = "crm.fraud.decline-threshold") Optional<Double> decline,
                            @ConfigProperty(name = "crm.shop.zone") String zone) {
        return new FraudScorer(lookup, model, review, decline, ZoneId.of(zone));
    }

    @Produces
    @Singleton
    ProfileScorer profileScorer(ProfileLookup lookup, ChurnScorer churn, SegmentScorer segment, LifetimeValueScorer value,
                                NextBestOfferScorer offers) {
        return new ProfileScorer(lookup, churn, segment, value, offers);
    }

    @Produces
    @Singleton
    OrderStore orderStore(DynamoDbClient dynamo, @ConfigProperty(name = "crm.tables.orders") String orders,
                          @ConfigProperty(name = "crm.tables.profiles") String profiles) {
        return new DynamoDbOrderStore(dynamo, orders, profiles);
    }

    @Produces
    @Singleton
    OrderEventProcessor orderEventProcessor(OrderStore store, ProfileLookup lookup, FraudScorer fraud, ChurnScorer churn,
                                            SegmentScorer segment, LifetimeValueScorer value,
                                            @Named("next-best-offer") OnnxModel offers) {
        // The catalogue the offer model was trained with, so stored family attributes match its features.
        return new OrderEventProcessor(store, lookup, fraud, churn, segment, value, offers.metadata().offers());
    }

    @Produces
    @Singleton
    PrivacyRequests privacyRequests(DynamoDbClient dynamo, Clock clock, @ConfigProperty(name = "crm.tables.profiles") String profiles,
                                    @ConfigProperty(name = "crm.tables.orders") String orders) {
        return new PrivacyRequests(new DynamoDbPrivacyStore(dynamo, profiles, orders), clock);
    }

    @Produces
    @Singleton
    BatchScorer batchScorer(ProfileLookup lookup, ProfileScorer scorer) {
        return new BatchScorer(lookup, scorer);
    }
}
