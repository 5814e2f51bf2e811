package com.crmscoring.functions.config;

import ai.onnxruntime.OrtEnvironment;
import com.crmscoring.functions.churn.ChurnScorer;
import com.crmscoring.functions.model.ModelResources;
import com.crmscoring.functions.model.OnnxModel;
import com.crmscoring.functions.profile.DynamoDbProfileRepository;
import com.crmscoring.functions.profile.ProfileRepository;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
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
        return ModelResources.load(env, resource);
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
}
