package com.crmscoring.functions.segment;

import com.crmscoring.scoring.score.CustomerRequest;
import com.crmscoring.scoring.segment.SegmentScore;
import com.crmscoring.scoring.segment.SegmentScorer;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;

/** Segment and life-cycle stage as a Lambda function: {@code {"customerId": "..."}} in. */
public class SegmentFunction {

    @Inject
    SegmentScorer scorer;

    @Funq("segment")
    public SegmentScore segment(CustomerRequest request) {
        return scorer.score(request == null ? null : request.customerId(), request == null ? null : request.asOf());
    }
}
