package com.crmscoring.scoring.config;

import com.crmscoring.scoring.fraud.FraudRequest;
import com.crmscoring.scoring.fraud.FraudScorer;
import com.crmscoring.scoring.score.CustomerFeatures;
import com.crmscoring.storage.DependencyUnavailableException;
import com.crmscoring.storage.profile.ProfileStore;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * Runs, in the init phase, what a container's first request would otherwise pay for: the DynamoDB
 * client's set-up and first round trip (endpoint rules, signing, the HTTP connection, some
 * thousand classes) and a first scoring pass through every model of the function (ONNX Runtime's
 * first runs, the explainer, the answer records). The read runs on its own thread while the
 * models load, so the two overlap.
 *
 * <p>With Lambda SnapStart the snapshot is taken after this, so restored containers start
 * primed; after a restore the store is read once more, so the first request does not meet a
 * connection that died with the snapshot.
 *
 * <p>Priming never fails a container over the store: a store that cannot be reached now is logged,
 * and the first request pays the set-up (or gets its own error) as it would without priming. A
 * model that cannot load or score does fail it, before it takes a request.
 */
public final class Priming implements Resource {

    /** A customer id no profile has: the priming read finds nothing and costs one read unit. */
    public static final String CUSTOMER = "__priming__";
    private static final System.Logger LOG = System.getLogger(Priming.class.getName());

    private final ProfileStore profiles;
    private volatile boolean storeReachable;

    private Priming(ProfileStore profiles) {
        this.profiles = profiles;
    }

    /**
     * Primes the store on a second thread while {@code loadModels} runs here, then scores a
     * synthetic customer with {@code scoring}; registers the SnapStart restore hook.
     *
     * @param enabled    {@code crm.priming.enabled}: false only loads the models, as before priming
     *                   existed, so that the benchmark can measure what priming buys
     * @param loadModels creates the function's scorers (and so its ONNX sessions)
     * @param scoring    scores the synthetic profile it is given through those scorers
     * @return the registered resource: keep it referenced, the CRaC context may hold it weakly
     */
    public static Priming prime(boolean enabled, ProfileStore profiles, Runnable loadModels,
                                Consumer<List<CustomerFeatures>> scoring) {
        Priming priming = new Priming(profiles);
        if (!enabled) {
            loadModels.run();
            LOG.log(System.Logger.Level.INFO, "priming is off (crm.priming.enabled=false): models loaded, nothing primed");
            return priming;
        }
        long start = System.nanoTime();
        CompletableFuture<Void> store = CompletableFuture.runAsync(priming::primeStore, command -> {
            Thread t = new Thread(command, "priming-dynamodb");
            t.setDaemon(true);
            t.start();
        });
        loadModels.run();
        long scoringStart = System.nanoTime();
        try {
            scoring.accept(List.of(syntheticCustomer()));
        } catch (DependencyUnavailableException e) {
            // A pass that reads the store (the fraud check) meets the same outage as the priming read.
            LOG.log(System.Logger.Level.WARNING, "priming's scoring pass could not read the store; the models are loaded");
        }
        long scoringMs = (System.nanoTime() - scoringStart) / 1_000_000;
        store.join();
        LOG.log(System.Logger.Level.INFO, () -> String.format("primed in %d ms (first scoring pass %d ms)",
                (System.nanoTime() - start) / 1_000_000, scoringMs));
        Core.getGlobalContext().register(priming);
        return priming;
    }

    /** A fraud check of an order for a customer without a profile: one read, the anomaly model, the reasons. */
    public static void fraudCheck(FraudScorer fraud) {
        fraud.score(new FraudRequest(CUSTOMER, new FraudRequest.OrderRequest("priming-1", "2011-12-09T12:00:00Z", "United Kingdom",
                List.of(new FraudRequest.LineRequest("85123A", "WHITE HANGING HEART T-LIGHT HOLDER", 6, new java.math.BigDecimal("2.55"))))));
    }

    /** A customer whose profile holds no attribute: every model scores its documented defaults. */
    private static CustomerFeatures syntheticCustomer() {
        return new CustomerFeatures(CUSTOMER, false, Instant.parse("2011-12-10T00:00:00Z"), attribute -> null, null, null);
    }

    private void primeStore() {
        long start = System.nanoTime();
        try {
            profiles.find(CUSTOMER);
            storeReachable = true;
            LOG.log(System.Logger.Level.INFO, () -> String.format("DynamoDB client primed in %d ms", (System.nanoTime() - start) / 1_000_000));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, () -> "priming read failed (" + e.getClass().getSimpleName()
                    + "); the first request pays the client's set-up");
        }
    }

    /** Whether the last priming read reached the store: what else to prime may depend on it. */
    public boolean storeReachable() {
        return storeReachable;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        // Nothing to close: the url-connection client opens connections per request or reuses
        // keep-alive sockets, which the restore hook replaces.
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        primeStore();
    }
}
