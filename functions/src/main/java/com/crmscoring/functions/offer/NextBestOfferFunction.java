package com.crmscoring.functions.offer;

import com.crmscoring.scoring.offer.NextBestOfferScorer;
import com.crmscoring.scoring.offer.NextBestOffers;
import com.crmscoring.scoring.score.CustomerRequest;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;

/** Next best offers as a Lambda function: {@code {"customerId": "..."}} in. */
public class NextBestOfferFunction {

    @Inject
    NextBestOfferScorer scorer;

    @Funq("nextBestOffer")
    public NextBestOffers nextBestOffer(CustomerRequest request) {
        return scorer.score(request == null ? null : request.customerId(), request == null ? null : request.asOf());
    }
}
