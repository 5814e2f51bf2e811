package com.crmscoring.functions.value;

import com.crmscoring.scoring.score.CustomerRequest;
import com.crmscoring.scoring.value.LifetimeValueScore;
import com.crmscoring.scoring.value.LifetimeValueScorer;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;

/** Lifetime value as a Lambda function: {@code {"customerId": "..."}} in. */
public class LifetimeValueFunction {

    @Inject
    LifetimeValueScorer scorer;

    @Funq("lifetimeValue")
    public LifetimeValueScore lifetimeValue(CustomerRequest request) {
        return scorer.score(request == null ? null : request.customerId(), request == null ? null : request.asOf());
    }
}
