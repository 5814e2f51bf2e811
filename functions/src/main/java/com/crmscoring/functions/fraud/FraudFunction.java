package com.crmscoring.functions.fraud;

import com.crmscoring.scoring.fraud.FraudRequest;
import com.crmscoring.scoring.fraud.FraudScore;
import com.crmscoring.scoring.fraud.FraudScorer;

import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;

/** Fraud screening of one order as a Lambda function. */
public class FraudFunction {

    @Inject
    FraudScorer scorer;

    @Funq("fraud")
    public FraudScore fraud(FraudRequest request) {
        return scorer.score(request);
    }
}
