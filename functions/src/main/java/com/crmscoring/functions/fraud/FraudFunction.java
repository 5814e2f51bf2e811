package com.crmscoring.functions.fraud;

import com.crmscoring.scoring.fraud.FraudRequest;
import com.crmscoring.scoring.fraud.FraudScore;
import com.crmscoring.scoring.fraud.FraudScorer;
import com.crmscoring.scoring.score.JsonRequests;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;

/** Fraud screening of one order as a Lambda function. */
public class FraudFunction {

    /** Bodies are bound here, not by the runtime, so that a wrong type is told without quoting it. */
    @Inject
    JsonRequests json;

    @Inject
    FraudScorer scorer;

    @Funq("fraud")
    public FraudScore fraud(JsonNode body) {
        return scorer.score(json.read(body, FraudRequest.class));
    }
}
