package com.crmscoring.functions.config;

import ai.onnxruntime.OrtEnvironment;
import com.crmscoring.functions.churn.ChurnScorer;
import com.crmscoring.functions.model.ModelLoadException;
import com.crmscoring.functions.model.OnnxModel;
import com.crmscoring.functions.profile.DynamoDbProfileRepository;
import com.crmscoring.functions.profile.ProfileRepository;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * CDI wiring of the plain scoring classes. Models are loaded at start-up (Lambda's init phase),
 * once per container, and a model that does not match its metadata stops the container there.
 */
public class ScoringProducers {

    @Produces
    @Singleton
    OrtEnvironment ortEnvironment() {
        return OrtEnvironment.getEnvironment();
    }

    @Produces
    @Singleton
    @Startup
    @Named("churn")
    OnnxModel churnModel(OrtEnvironment env, @ConfigProperty(name = "crm.models.churn") String resource) {
        return load(env, resource);
    }

    void close(@Disposes @Named("churn") OnnxModel model) {
        model.close();
    }

    @Produces
    @Singleton
    ProfileRepository profileRepository(DynamoDbClient dynamo, @ConfigProperty(name = "crm.tables.profiles") String table) {
        return new DynamoDbProfileRepository(dynamo, table);
    }

    @Produces
    @Singleton
    ChurnScorer churnScorer(ProfileRepository profiles, @Named("churn") OnnxModel model) {
        return new ChurnScorer(profiles, model);
    }

    /** Reads a model from the class path (the crm-models jar packaged with the function). */
    static OnnxModel load(OrtEnvironment env, String resource) {
        long start = System.nanoTime();
        byte[] bytes;
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new ModelLoadException("model resource " + resource + " is not on the class path");
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new ModelLoadException("model resource " + resource + " cannot be read", e);
        }
        OnnxModel model = new OnnxModel(env, resource, bytes);
        Log.infof("loaded model %s %s from %s: %d input columns, %d bytes, in %d ms", model.metadata().name(),
                model.metadata().version(), resource, model.vectorizer().width(), bytes.length,
                (System.nanoTime() - start) / 1_000_000);
        return model;
    }
}
