package com.crmscoring.functions.churn;

import com.crmscoring.scoring.churn.ChurnScore;
import com.crmscoring.scoring.churn.ChurnScorer;
import com.crmscoring.scoring.score.CustomerRequest;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;

/** The churn score as a Lambda function: {@code {"customerId": "..."}} in, {@link ChurnScore} out. */
public class ChurnFunction {

    @Inject
    ChurnScorer scorer;

    @Funq("churn")
    public ChurnScore churn(CustomerRequest request) {
        return scorer.score(request == null ? null : request.customerId(), request == null ? null : request.asOf());
    }
}
