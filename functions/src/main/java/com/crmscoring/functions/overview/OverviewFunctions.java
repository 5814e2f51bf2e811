package com.crmscoring.functions.overview;

import com.crmscoring.scoring.overview.BatchRequest;
import com.crmscoring.scoring.overview.BatchResult;
import com.crmscoring.scoring.overview.BatchScorer;
import com.crmscoring.scoring.overview.CustomerOverview;
import com.crmscoring.scoring.overview.CustomerOverviewScorer;
import com.crmscoring.scoring.score.CustomerRequest;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;

/** All scores of one customer, and of a campaign batch, as Lambda functions. */
public class OverviewFunctions {

    @Inject
    CustomerOverviewScorer profileScorer;

    @Inject
    BatchScorer batchScorer;

    @Funq("profileScore")
    public CustomerOverview profileScore(CustomerRequest request) {
        return profileScorer.score(request == null ? null : request.customerId(), request == null ? null : request.asOf());
    }

    @Funq("batchScore")
    public BatchResult batchScore(BatchRequest request) {
        return batchScorer.score(request);
    }
}
