package com.crmscoring.functions.offer;

import com.crmscoring.scoring.offer.NextBestOfferScorer;
import com.crmscoring.scoring.offer.NextBestOffers;
import com.crmscoring.scoring.score.CustomerRequest;
import com.crmscoring.scoring.score.JsonRequests;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;

/** Next best offers as a Lambda function: {@code {"customerId": "..."}} in. */
public class NextBestOfferFunction {

    /** Bodies are bound here, not by the runtime, so that a wrong type is told without quoting it. */
    @Inject
    JsonRequests json;

    @Inject
    NextBestOfferScorer scorer;

    @Funq("nextBestOffer")
    public NextBestOffers nextBestOffer(JsonNode body) {
        CustomerRequest request = json.read(body, CustomerRequest.class);
        return scorer.score(request == null ? null : request.customerId(), request == null ? null : request.asOf());
    }
}
