package com.crmscoring.scoring.overview;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Scores of a campaign batch: one entry per requested id, in request order. A missing or
 * malformed id is reported on its own entry and does not fail the batch.
 */
public record BatchResult(List<Entry> results, int scored, int notFound, int invalid) {

    public static final String SCORED = "SCORED";
    public static final String NOT_FOUND = "NOT_FOUND";
    public static final String INVALID_ID = "INVALID_ID";

    /**
     * One requested id: its scores, or why there are none.
     *
     * @param index      the id's position in the request, from 0
     * @param customerId the id as validated; absent for an invalid one, which is never echoed (it
     *                   may be anything, of any size: the index says which it was)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(int index, String customerId, String status, CustomerOverview scores, String error) {
    }
}
