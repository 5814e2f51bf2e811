package com.crmscoring.functions.segment;

import com.crmscoring.scoring.score.CustomerRequest;
import com.crmscoring.scoring.score.JsonRequests;
import com.crmscoring.scoring.segment.SegmentScore;
import com.crmscoring.scoring.segment.SegmentScorer;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;

/** Segment and life-cycle stage as a Lambda function: {@code {"customerId": "..."}} in. */
public class SegmentFunction {

    /** Bodies are bound here, not by the runtime, so that a wrong type is told without quoting it. */
    @Inject
    JsonRequests json;

    @Inject
    SegmentScorer scorer;

    @Funq("segment")
    public SegmentScore segment(JsonNode body) {
        CustomerRequest request = json.read(body, CustomerRequest.class);
        return scorer.score(request == null ? null : request.customerId(), request == null ? null : request.asOf());
    }
}
