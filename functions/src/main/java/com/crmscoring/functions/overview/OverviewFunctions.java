package com.crmscoring.functions.overview;

import com.crmscoring.scoring.overview.BatchRequest;
import com.crmscoring.scoring.overview.BatchResult;
import com.crmscoring.scoring.overview.BatchScorer;
import com.crmscoring.scoring.overview.CustomerOverview;
import com.crmscoring.scoring.overview.CustomerOverviewScorer;
import com.crmscoring.scoring.score.CustomerRequest;
import com.crmscoring.scoring.score.JsonRequests;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;

/** All scores of one customer, and of a campaign batch, as Lambda functions. */
public class OverviewFunctions {

    /** Bodies are bound here, not by the runtime, so that a wrong type is told without quoting it. */
    @Inject
    JsonRequests json;

    @Inject
    CustomerOverviewScorer profileScorer;

    @Inject
    BatchScorer batchScorer;

    @Funq("profileScore")
    public CustomerOverview profileScore(JsonNode body) {
        CustomerRequest request = json.read(body, CustomerRequest.class);
        return profileScorer.score(request == null ? null : request.customerId(), request == null ? null : request.asOf());
    }

    @Funq("batchScore")
    public BatchResult batchScore(JsonNode body) {
        return batchScorer.score(json.read(body, BatchRequest.class));
    }
}
