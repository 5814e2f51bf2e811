package com.crmscoring.functions.churn;

import com.crmscoring.scoring.churn.ChurnScore;
import com.crmscoring.scoring.churn.ChurnScorer;
import com.crmscoring.scoring.score.CustomerRequest;
import com.crmscoring.scoring.score.JsonRequests;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;

/** The churn score as a Lambda function: {@code {"customerId": "..."}} in, {@link ChurnScore} out. */
public class ChurnFunction {

    /** Bodies are bound here, not by the runtime, so that a wrong type is told without quoting it. */
    @Inject
    JsonRequests json;

    @Inject
    ChurnScorer scorer;

    @Funq("churn")
    public ChurnScore churn(JsonNode body) {
        CustomerRequest request = json.read(body, CustomerRequest.class);
        return scorer.score(request == null ? null : request.customerId(), request == null ? null : request.asOf());
    }
}
