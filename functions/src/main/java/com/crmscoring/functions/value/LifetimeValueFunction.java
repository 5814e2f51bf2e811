package com.crmscoring.functions.value;

import com.crmscoring.scoring.score.CustomerRequest;
import com.crmscoring.scoring.score.JsonRequests;
import com.crmscoring.scoring.value.LifetimeValueScore;
import com.crmscoring.scoring.value.LifetimeValueScorer;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;

/** Lifetime value as a Lambda function: {@code {"customerId": "..."}} in. */
public class LifetimeValueFunction {

    /** Bodies are bound here, not by the runtime, so that a wrong type is told without quoting it. */
    @Inject
    JsonRequests json;

    @Inject
    LifetimeValueScorer scorer;

    @Funq("lifetimeValue")
    public LifetimeValueScore lifetimeValue(JsonNode body) {
        CustomerRequest request = json.read(body, CustomerRequest.class);
        return scorer.score(request == null ? null : request.customerId(), request == null ? null : request.asOf());
    }
}
