package com.crmscoring.scoring.config;

import ai.onnxruntime.OrtEnvironment;
import com.crmscoring.scoring.churn.ChurnScorer;
import com.crmscoring.scoring.drift.DriftJob;
import com.crmscoring.scoring.drift.PopulationDrift;
import com.crmscoring.scoring.fraud.FraudScorer;
import com.crmscoring.scoring.fraud.OrderRequests;
import com.crmscoring.scoring.model.ModelResources;
import com.crmscoring.scoring.observe.ScoreMetrics;
import com.crmscoring.scoring.offer.NextBestOfferScorer;
import com.crmscoring.scoring.orders.OrderEventProcessor;
import com.crmscoring.scoring.overview.BatchScorer;
import com.crmscoring.scoring.overview.CustomerOverviewScorer;
import com.crmscoring.scoring.privacy.PrivacyRequests;
import com.crmscoring.scoring.score.CustomerFeatureReader;
import com.crmscoring.scoring.score.PersonalScorer;
import com.crmscoring.scoring.segment.SegmentScorer;
import com.crmscoring.scoring.shadow.Shadow;
import com.crmscoring.scoring.value.LifetimeValueScorer;
import com.crmscoring.shared.model.OnnxModel;
import com.crmscoring.shared.model.ServedModel;
import com.crmscoring.shared.offers.OfferCatalogue;
import com.crmscoring.storage.orders.DynamoDbOrderStore;
import com.crmscoring.storage.orders.OrderStore;
import com.crmscoring.storage.privacy.DynamoDbPrivacyStore;
import com.crmscoring.storage.privacy.PrivacyStore;
import com.crmscoring.storage.profile.DynamoDbProfileStore;
import com.crmscoring.storage.profile.ProfileScan;
import com.crmscoring.storage.profile.ProfileStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The scorer graph, wired once: the CDI producers of the functions and the HTTP API, the local
 * run, the replay and the benchmarks all take their scorers from here. Everything is made on
 * first use and kept, so a container that exports one function loads only the models that
 * function needs. Closing it closes the models it loaded.
 */
public final class ScoringFactory implements AutoCloseable {

    /**
     * What a deployment chooses.
     *
     * @param clock         "now" for requests without {@code asOf}
     * @param fraudReview   overrides the fraud model's review threshold
     * @param fraudDecline  overrides the fraud model's decline threshold
     * @param shopZone      the shop's time zone (an order's hour of day is a fraud feature)
     */
    public record Settings(Clock clock, Optional<Double> fraudReview, Optional<Double> fraudDecline, ZoneId shopZone,
                           Map<ServedModel, String> liveModels, Map<ServedModel, Challenger> challengers) {

        public Settings {
            liveModels = Map.copyOf(liveModels);
            challengers = Map.copyOf(challengers);
        }

        /** The bundled models, no challenger. */
        public Settings(Clock clock, Optional<Double> fraudReview, Optional<Double> fraudDecline, ZoneId shopZone) {
            this(clock, fraudReview, fraudDecline, shopZone, Map.of(), Map.of());
        }

        /** The system clock, the models' own thresholds, the bundled shop's zone. */
        public static Settings defaults() {
            return new Settings(Clock.systemUTC(), Optional.empty(), Optional.empty(), ZoneId.of("Europe/London"));
        }

        public Settings withClock(Clock c) {
            return new Settings(c, fraudReview, fraudDecline, shopZone, liveModels, challengers);
        }

        /** Serves {@code which} from another class-path resource: how a challenger is promoted. */
        public Settings withLiveModel(ServedModel which, String resource) {
            Map<ServedModel, String> m = new EnumMap<>(ServedModel.class);
            m.putAll(liveModels);
            m.put(which, resource);
            return new Settings(clock, fraudReview, fraudDecline, shopZone, m, challengers);
        }

        public Settings withChallenger(ServedModel which, Challenger challenger) {
            Map<ServedModel, Challenger> m = new EnumMap<>(ServedModel.class);
            m.putAll(challengers);
            m.put(which, challenger);
            return new Settings(clock, fraudReview, fraudDecline, shopZone, liveModels, m);
        }
    }

    /**
     * A second version of a customer model, run in shadow ({@link Shadow}).
     *
     * @param resource its class-path resource, such as {@code models/challengers/churn.onnx}
     * @param share    the share of requests it scores, 0 to 1
     */
    public record Challenger(String resource, double share) {

        public Challenger {
            if (resource == null || resource.isBlank() || !(share >= 0 && share <= 1)) {
                throw new IllegalArgumentException("a challenger names its model file and a share between 0 and 1: "
                        + resource + ", " + share);
            }
        }
    }

    private final ProfileStore profiles;
    private final OrderStore orders;
    private final PrivacyStore privacy;
    /**
     * ONNX Runtime, created on the first model load rather than with the graph: creating it loads
     * its native library (about 50 ms), which would otherwise delay the DynamoDB priming read that
     * runs beside the model loading at start-up.
     */
    private final Supplier<OrtEnvironment> env;
    private final Settings settings;
    private final Map<ServedModel, OnnxModel> models = new EnumMap<>(ServedModel.class);
    private volatile String modelVersions = "";
    private ProfileScan profileScan;
    private final ScoreMetrics scoreMetrics = new ScoreMetrics();
    private final List<OnnxModel> challengerModels = new ArrayList<>();
    private ThreadPoolExecutor shadowExecutor;

    private CustomerFeatureReader features;
    private ChurnScorer churn;
    private SegmentScorer segment;
    private LifetimeValueScorer lifetimeValue;
    private NextBestOfferScorer nextBestOffer;
    private FraudScorer fraud;
    private OrderRequests orderRequests;
    private CustomerOverviewScorer overview;
    private BatchScorer batch;
    private OrderEventProcessor orderEvents;
    private PrivacyRequests privacyRequests;

    /**
     * @param orders  null when nothing here processes orders
     * @param privacy null when nothing here records consent or erases
     * @param env     ONNX Runtime's environment, asked for when a model loads ({@code OrtEnvironment::getEnvironment},
     *                or CDI's provider)
     */
    public ScoringFactory(ProfileStore profiles, OrderStore orders, PrivacyStore privacy, Supplier<OrtEnvironment> env,
                          Settings settings) {
        this.profiles = profiles;
        this.orders = orders;
        this.privacy = privacy;
        this.env = env;
        this.settings = settings;
    }

    /** The graph over the DynamoDB tables. */
    public static ScoringFactory dynamoDb(DynamoDbClient dynamo, String profilesTable, String ordersTable,
                                          Supplier<OrtEnvironment> env, Settings settings) {
        ScoringFactory f = new ScoringFactory(new DynamoDbProfileStore(dynamo, profilesTable), new DynamoDbOrderStore(dynamo, ordersTable,
                profilesTable), new DynamoDbPrivacyStore(dynamo, profilesTable, ordersTable), env, settings);
        f.profileScan = new ProfileScan(dynamo, profilesTable);
        return f;
    }

    /** Gives a live scorer its challenger, when the settings name one for this kind. */
    private <S> void shadow(ServedModel which, PersonalScorer<S> live, Function<OnnxModel, PersonalScorer<S>> challenger) {
        Challenger c = settings.challengers().get(which);
        if (c != null) {
            live.shadowedBy(challenger.apply(challengerModel(c)), c.share(), scoreMetrics, shadowExecutor());
        }
    }

    /** A challenger's model, closed with this graph. */
    private OnnxModel challengerModel(Challenger c) {
        OnnxModel model = ModelResources.load(env.get(), c.resource());
        challengerModels.add(model);
        return model;
    }

    /**
     * One background thread for every challenger, with a short queue: a shadow sample waits for at
     * most 64 others, and is dropped (and counted) rather than queued without bound.
     */
    private synchronized ThreadPoolExecutor shadowExecutor() {
        if (shadowExecutor == null) {
            shadowExecutor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(64), r -> {
                Thread t = new Thread(r, "crm-shadow");
                t.setDaemon(true);
                return t;
            }, new ThreadPoolExecutor.AbortPolicy());
        }
        return shadowExecutor;
    }

    /**
     * Waits until every shadow sample handed over so far is scored (for tests, and before the
     * models are closed).
     *
     * @return false when they were not done within {@code timeout}
     */
    public boolean awaitShadows(Duration timeout) {
        ThreadPoolExecutor executor;
        synchronized (this) {
            executor = shadowExecutor;
        }
        long end = System.nanoTime() + timeout.toNanos();
        while (executor != null && !(executor.getQueue().isEmpty() && executor.getActiveCount() == 0)) {
            if (System.nanoTime() > end) {
                return false;
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /**
     * The models the drift job watches, each against the training population its file carries (a
     * file exported without one is left out): the customer models (churn, segments, lifetime
     * value, next best offer) over the profiles, and fraud screening over recent orders.
     */
    public List<PopulationDrift.Watched> driftWatch() {
        List<PopulationDrift.Watched> out = new ArrayList<>();
        for (PersonalScorer<?> scorer : customerScorers()) {
            if (scorer.metadata().drift() != null) {
                out.add(new PopulationDrift.Watched(scorer.onnxModel(), scorer::modelInput, scorer.metadata().drift()));
            }
        }
        OnnxModel fraudModel = model(ServedModel.FRAUD_ANOMALY);
        if (fraudModel.metadata().drift() != null) {
            out.add(PopulationDrift.Watched.orders(fraudModel, fraudModel.metadata().drift()));
        }
        return out;
    }

    /** The scorers of customers (not of orders): churn, segments, lifetime value, next best offer. */
    public List<PersonalScorer<?>> customerScorers() {
        return List.of(churn(), segment(), lifetimeValue(), nextBestOffer());
    }

    /**
     * Runs the drift job over every profile, described at {@code at}, and up to {@code maxOrders}
     * orders of the {@code orderWindow} before it.
     *
     * @throws IllegalStateException when this graph was not built over DynamoDB
     */
    public DriftJob.Result drift(ProfileScan.Limits limits, Instant at, Duration orderWindow, int maxOrders) {
        if (profileScan == null) {
            throw new IllegalStateException("this scoring graph was built without a profiles table to scan");
        }
        return DriftJob.run(profileScan, limits, features(), driftWatch(), new DriftJob.OrderSource(orders, orderWindow,
                maxOrders, settings.shopZone()), at);
    }

    /** What this deployment chose. */
    public Settings settings() {
        return settings;
    }

    /** A served model, loaded from the class path on first use. */
    public synchronized OnnxModel model(ServedModel which) {
        OnnxModel model = models.get(which);
        if (model == null) {
            model = ModelResources.load(env.get(), settings.liveModels().getOrDefault(which, which.resource()));
            models.put(which, model);
            StringBuilder versions = new StringBuilder();
            for (OnnxModel m : models.values()) {
                versions.append(versions.isEmpty() ? "" : ",").append(m.metadata().name()).append('@').append(m.metadata().version());
            }
            modelVersions = versions.toString();
        }
        return model;
    }

    /**
     * The models loaded so far, {@code name@version}, comma-separated in a fixed order: what the
     * invocation log names as having served a request (the function's warm-up loads all it uses).
     */
    public String modelVersions() {
        return modelVersions;
    }

    /** What the scorers served, counted for the invocation's metrics. */
    public ScoreMetrics scoreMetrics() {
        return scoreMetrics;
    }

    public ProfileStore profiles() {
        return profiles;
    }

    /** The order store, or null when this graph was built without one. */
    public OrderStore orders() {
        return orders;
    }

    public synchronized CustomerFeatureReader features() {
        if (features == null) {
            // The bundled catalogue, which the offer model is trained with by default: reading it from
            // the model would make every function load the offer model at start.
            features = new CustomerFeatureReader(profiles, settings.clock(), OfferCatalogue.loadDefault());
        }
        return features;
    }

    public synchronized ChurnScorer churn() {
        if (churn == null) {
            churn = new ChurnScorer(features(), model(ServedModel.CHURN), scoreMetrics);
            shadow(ServedModel.CHURN, churn, challenger -> new ChurnScorer(features(), challenger, scoreMetrics));
        }
        return churn;
    }

    public synchronized SegmentScorer segment() {
        if (segment == null) {
            segment = new SegmentScorer(features(), model(ServedModel.SEGMENTS), scoreMetrics);
            shadow(ServedModel.SEGMENTS, segment, challenger -> new SegmentScorer(features(), challenger, scoreMetrics));
        }
        return segment;
    }

    public synchronized LifetimeValueScorer lifetimeValue() {
        if (lifetimeValue == null) {
            lifetimeValue = new LifetimeValueScorer(features(), model(ServedModel.LIFETIME_VALUE), scoreMetrics);
            shadow(ServedModel.LIFETIME_VALUE, lifetimeValue, challenger -> new LifetimeValueScorer(features(), challenger, scoreMetrics));
        }
        return lifetimeValue;
    }

    public synchronized NextBestOfferScorer nextBestOffer() {
        if (nextBestOffer == null) {
            nextBestOffer = new NextBestOfferScorer(features(), model(ServedModel.NEXT_BEST_OFFER), scoreMetrics);
            shadow(ServedModel.NEXT_BEST_OFFER, nextBestOffer, challenger -> new NextBestOfferScorer(features(), challenger, scoreMetrics));
        }
        return nextBestOffer;
    }

    public synchronized FraudScorer fraud() {
        if (fraud == null) {
            fraud = new FraudScorer(features(), orderRequests(), model(ServedModel.FRAUD_ANOMALY), settings.fraudReview(),
                    settings.fraudDecline(), settings.shopZone(), scoreMetrics);
            Challenger c = settings.challengers().get(ServedModel.FRAUD_ANOMALY);
            if (c != null) {
                fraud.shadowedBy(new FraudScorer(features(), orderRequests(), challengerModel(c), settings.fraudReview(), settings.fraudDecline(),
                        settings.shopZone(), scoreMetrics), c.share(), scoreMetrics, shadowExecutor());
            }
        }
        return fraud;
    }

    /** The one parser of orders sent to the fraud check and the order queue. */
    public synchronized OrderRequests orderRequests() {
        if (orderRequests == null) {
            orderRequests = new OrderRequests(settings.clock());
        }
        return orderRequests;
    }

    public synchronized CustomerOverviewScorer overview() {
        if (overview == null) {
            overview = new CustomerOverviewScorer(features(), churn(), segment(), lifetimeValue(), nextBestOffer());
        }
        return overview;
    }

    public synchronized BatchScorer batch() {
        if (batch == null) {
            batch = new BatchScorer(features(), overview());
        }
        return batch;
    }

    public synchronized OrderEventProcessor orderEvents() {
        if (orderEvents == null) {
            if (orders == null) {
                throw new IllegalStateException("this scoring graph was built without an order store");
            }
            orderEvents = new OrderEventProcessor(orders, features(), fraud(), churn(), segment(), lifetimeValue(), catalogue());
        }
        return orderEvents;
    }

    public synchronized PrivacyRequests privacy() {
        if (privacyRequests == null) {
            if (privacy == null) {
                throw new IllegalStateException("this scoring graph was built without a privacy store");
            }
            privacyRequests = new PrivacyRequests(privacy, settings.clock());
        }
        return privacyRequests;
    }

    /**
     * The offer families whose attributes the order handler stores: the catalogue the offer model
     * was trained with, read from its metadata, so stored attributes match its features.
     */
    private OfferCatalogue catalogue() {
        return model(ServedModel.NEXT_BEST_OFFER).metadata().offers();
    }

    @Override
    public synchronized void close() {
        if (shadowExecutor != null) {
            shadowExecutor.shutdownNow();
            try {
                shadowExecutor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        models.values().forEach(OnnxModel::close);
        models.clear();
        challengerModels.forEach(OnnxModel::close);
        challengerModels.clear();
    }
}
