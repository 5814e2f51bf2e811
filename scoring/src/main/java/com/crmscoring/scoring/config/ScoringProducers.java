package com.crmscoring.scoring.config;

import ai.onnxruntime.OrtEnvironment;
import com.crmscoring.scoring.churn.ChurnScorer;
import com.crmscoring.scoring.fraud.FraudScorer;
import com.crmscoring.scoring.fraud.OrderRequests;
import com.crmscoring.scoring.offer.NextBestOfferScorer;
import com.crmscoring.scoring.orders.OrderEventProcessor;
import com.crmscoring.scoring.overview.BatchScorer;
import com.crmscoring.scoring.overview.CustomerOverviewScorer;
import com.crmscoring.scoring.privacy.PrivacyRequests;
import com.crmscoring.scoring.score.CustomerFeatureReader;
import com.crmscoring.scoring.score.JsonRequests;
import com.crmscoring.scoring.segment.SegmentScorer;
import com.crmscoring.scoring.value.LifetimeValueScorer;
import com.crmscoring.shared.model.ServedModel;
import com.crmscoring.storage.profile.ProfileStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * CDI's view of the {@link ScoringFactory}. Every scorer is a lazy singleton and the factory loads
 * a model on first use: {@code ModelWarmup} creates, at start-up, only the scorers the exported
 * function needs, so a container loads one session per model it uses, once, in Lambda's init phase.
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

    /** The one wiring of the scorers; the producers below only hand its parts to CDI. */
    @Produces
    @Singleton
    ScoringFactory scoringFactory(DynamoDbClient dynamo, Provider<OrtEnvironment> env, Clock clock,
                                  @ConfigProperty(name = "crm.tables.profiles") String profiles,
                                  @ConfigProperty(name = "crm.tables.orders") String orders,
                                  @ConfigProperty(name = "crm.fraud.review-threshold") Optional<Double> review,
                                  @ConfigProperty(name = "crm.fraud.decline-threshold") Optional<Double> decline,
                                  @ConfigProperty(name = "crm.shop.zone") String zone, Config config) {
        ScoringFactory.Settings settings = new ScoringFactory.Settings(clock, review, decline, ZoneId.of(zone));
        // Per model (by its name, e.g. churn or lifetime-value): crm.models.<name> serves another
        // file (promotion), crm.challenger.<name>.model and .share run a second version in shadow.
        for (ServedModel which : ServedModel.values()) {
            String name = which.modelName();
            Optional<String> live = config.getOptionalValue("crm.models." + name, String.class);
            if (live.isPresent()) {
                settings = settings.withLiveModel(which, live.get());
            }
            Optional<String> challenger = config.getOptionalValue("crm.challenger." + name + ".model", String.class);
            if (challenger.isPresent()) {
                double share = config.getOptionalValue("crm.challenger." + name + ".share", Double.class).orElse(0.1);
                settings = settings.withChallenger(which, new ScoringFactory.Challenger(challenger.get(), share));
            }
        }
        return ScoringFactory.dynamoDb(dynamo, profiles, orders, env::get, settings);
    }

    void closeModels(@Disposes ScoringFactory factory) {
        factory.close();
    }

    @Produces
    @Singleton
    ProfileStore profileStore(ScoringFactory factory) {
        return factory.profiles();
    }

    @Produces
    @Singleton
    CustomerFeatureReader customerFeatureReader(ScoringFactory factory) {
        return factory.features();
    }

    @Produces
    @Singleton
    ChurnScorer churnScorer(ScoringFactory factory) {
        return factory.churn();
    }

    @Produces
    @Singleton
    SegmentScorer segmentScorer(ScoringFactory factory) {
        return factory.segment();
    }

    @Produces
    @Singleton
    LifetimeValueScorer lifetimeValueScorer(ScoringFactory factory) {
        return factory.lifetimeValue();
    }

    @Produces
    @Singleton
    NextBestOfferScorer nextBestOfferScorer(ScoringFactory factory) {
        return factory.nextBestOffer();
    }

    @Produces
    @Singleton
    FraudScorer fraudScorer(ScoringFactory factory) {
        return factory.fraud();
    }

    /** Request bodies bound by the application's (strict) ObjectMapper, failures told without quoting them. */
    @Produces
    @Singleton
    JsonRequests jsonRequests(ObjectMapper mapper) {
        return new JsonRequests(mapper);
    }

    @Produces
    @Singleton
    OrderRequests orderRequests(ScoringFactory factory) {
        return factory.orderRequests();
    }

    @Produces
    @Singleton
    CustomerOverviewScorer customerOverviewScorer(ScoringFactory factory) {
        return factory.overview();
    }

    @Produces
    @Singleton
    BatchScorer batchScorer(ScoringFactory factory) {
        return factory.batch();
    }

    @Produces
    @Singleton
    OrderEventProcessor orderEventProcessor(ScoringFactory factory) {
        return factory.orderEvents();
    }

    @Produces
    @Singleton
    PrivacyRequests privacyRequests(ScoringFactory factory) {
        return factory.privacy();
    }
}
