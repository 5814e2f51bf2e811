package com.crmscoring.http;

import com.crmscoring.scoring.fraud.FraudRequest;
import com.crmscoring.scoring.fraud.FraudScore;
import com.crmscoring.scoring.fraud.FraudScorer;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Fraud screening of an order at checkout, before payment is taken. */
@Path("/orders/fraud-check")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class OrderResource {

    @Inject
    FraudScorer fraud;

    @POST
    public FraudScore check(FraudRequest request) {
        return fraud.score(request);
    }
}
