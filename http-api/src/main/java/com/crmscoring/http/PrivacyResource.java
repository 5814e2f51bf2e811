package com.crmscoring.http;

import com.crmscoring.scoring.privacy.PrivacyAnswer;
import com.crmscoring.scoring.privacy.PrivacyRequests;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The customer's rights, for the shop: an objection to profiling (PUT records it, DELETE
 * withdraws it) and erasure. Every call is idempotent. API Gateway routes these paths to a
 * function of their own, the only one allowed to write consent or delete data (template.yaml),
 * so that the scoring routes stay read-only.
 */
@Path("/privacy/customers/{customerId}")
@Produces(MediaType.APPLICATION_JSON)
public class PrivacyResource {

    @Inject
    PrivacyRequests privacy;

    @PUT
    @Path("/profiling-objection")
    public PrivacyAnswer object(@PathParam("customerId") String customerId) {
        return privacy.objectToProfiling(customerId);
    }

    @DELETE
    @Path("/profiling-objection")
    public PrivacyAnswer withdraw(@PathParam("customerId") String customerId) {
        return privacy.withdrawObjection(customerId);
    }

    @DELETE
    public PrivacyAnswer erase(@PathParam("customerId") String customerId) {
        return privacy.erase(customerId);
    }
}
