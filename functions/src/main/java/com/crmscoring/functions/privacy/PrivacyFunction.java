package com.crmscoring.functions.privacy;

import com.crmscoring.scoring.privacy.PrivacyAnswer;
import com.crmscoring.scoring.privacy.PrivacyRequest;
import com.crmscoring.scoring.privacy.PrivacyRequests;
import com.crmscoring.scoring.score.JsonRequests;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;

/**
 * The customer's rights, for the shop's back office: an objection to profiling, its withdrawal,
 * erasure. Deployed as its own function, the only one allowed to write consent or delete data
 * (template.yaml), so that the scorers stay read-only.
 */
public class PrivacyFunction {

    /** Bodies are bound here, not by the runtime, so that a wrong type is told without quoting it. */
    @Inject
    JsonRequests json;

    @Inject
    PrivacyRequests privacy;

    @Funq("privacy")
    public PrivacyAnswer privacy(JsonNode body) {
        return privacy.handle(json.read(body, PrivacyRequest.class));
    }
}
