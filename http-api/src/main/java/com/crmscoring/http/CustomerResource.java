package com.crmscoring.http;

import com.crmscoring.scoring.churn.ChurnScore;
import com.crmscoring.scoring.churn.ChurnScorer;
import com.crmscoring.scoring.offer.NextBestOfferScorer;
import com.crmscoring.scoring.offer.NextBestOffers;
import com.crmscoring.scoring.overview.CustomerOverview;
import com.crmscoring.scoring.overview.CustomerOverviewScorer;
import com.crmscoring.scoring.segment.SegmentScore;
import com.crmscoring.scoring.segment.SegmentScorer;
import com.crmscoring.scoring.value.LifetimeValueScore;
import com.crmscoring.scoring.value.LifetimeValueScorer;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * A customer's scores for the web shop. POST, not GET: every call runs the models on the
 * customer's current profile, and no cache between the shop and the scores should keep one.
 * Validation, opt-out and reasons are the scorers' own, shared with the Funqy functions. The
 * optional query parameter {@code asOf} (ISO-8601) scores for that instant instead of now.
 */
@Path("/customers/{customerId}")
@Produces(MediaType.APPLICATION_JSON)
public class CustomerResource {

    @Inject
    CustomerOverviewScorer profile;

    @Inject
    ChurnScorer churn;

    @Inject
    SegmentScorer segment;

    @Inject
    LifetimeValueScorer value;

    @Inject
    NextBestOfferScorer offers;

    /** Every personal score from one read of the profile. */
    @POST
    @Path("/scores")
    public CustomerOverview scores(@PathParam("customerId") String customerId, @QueryParam("asOf") String asOf) {
        return profile.score(customerId, asOf);
    }

    @POST
    @Path("/churn")
    public ChurnScore churn(@PathParam("customerId") String customerId, @QueryParam("asOf") String asOf) {
        return churn.score(customerId, asOf);
    }

    @POST
    @Path("/segment")
    public SegmentScore segment(@PathParam("customerId") String customerId, @QueryParam("asOf") String asOf) {
        return segment.score(customerId, asOf);
    }

    @POST
    @Path("/lifetime-value")
    public LifetimeValueScore lifetimeValue(@PathParam("customerId") String customerId, @QueryParam("asOf") String asOf) {
        return value.score(customerId, asOf);
    }

    @POST
    @Path("/offers")
    public NextBestOffers offers(@PathParam("customerId") String customerId, @QueryParam("asOf") String asOf) {
        return offers.score(customerId, asOf);
    }
}
