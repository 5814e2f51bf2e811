package com.crmscoring.functions.privacy;

import com.crmscoring.scoring.privacy.PrivacyAnswer;
import com.crmscoring.scoring.privacy.PrivacyRequest;
import com.crmscoring.scoring.privacy.PrivacyRequests;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;

/**
 * The customer's rights, for the shop's back office: an objection to profiling, its withdrawal,
 * erasure. Deployed as its own function, the only one allowed to write consent or delete data
 * (template.yaml), so that the scorers stay read-only.
 */
public class PrivacyFunction {

    @Inject
    PrivacyRequests privacy;

    @Funq("privacy")
    public PrivacyAnswer privacy(PrivacyRequest request) {
        return privacy.handle(request);
    }
}
