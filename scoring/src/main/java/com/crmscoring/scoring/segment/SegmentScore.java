package com.crmscoring.scoring.segment;

import com.crmscoring.scoring.score.ScoreStatus;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * A customer's segment and life-cycle stage.
 *
 * @param segmentId         the nearest segment, or null for a prospect (no purchase to place)
 * @param squaredDistances  squared distance, in standardised units, to every segment by name
 * @param lifecycleStage    ACQUISITION, GROWTH, MATURITY, RECESSION or TERMINATION
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SegmentScore(String customerId, ScoreStatus status, Integer segmentId, String segmentName,
                           Map<String, Double> squaredDistances, String lifecycleStage, List<String> defaultsApplied,
                           String model, String modelVersion, String asOf) {
}
