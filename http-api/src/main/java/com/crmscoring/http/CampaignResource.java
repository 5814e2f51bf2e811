package com.crmscoring.http;

import com.crmscoring.scoring.overview.BatchRequest;
import com.crmscoring.scoring.overview.BatchResult;
import com.crmscoring.scoring.overview.BatchScorer;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** A marketing batch: up to {@link BatchScorer#MAX_CUSTOMERS} customers, missing ones reported per id. */
@Path("/campaigns/scores")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class CampaignResource {

    @Inject
    BatchScorer batch;

    @POST
    public BatchResult score(BatchRequest request) {
        return batch.score(request);
    }
}
