package com.crmscoring.scoring.overview;

import com.crmscoring.scoring.score.CustomerFeatureReader;
import com.crmscoring.scoring.score.CustomerFeatures;
import com.crmscoring.scoring.score.CustomerIds;
import com.crmscoring.scoring.score.InvalidRequestException;
import com.crmscoring.scoring.score.RequestTooLargeException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Campaign scoring: profiles read with BatchGetItem, all scores computed with one ONNX run per
 * model, missing and malformed ids reported per id.
 */
public final class BatchScorer {

    /**
     * Most ids per call: 100 keeps a call within one BatchGetItem and well inside Lambda's 6 MB
     * response limit (a customer's scores are about 3 KB).
     */
    public static final int MAX_CUSTOMERS = 100;

    private final CustomerFeatureReader features;
    private final CustomerOverviewScorer scorer;

    public BatchScorer(CustomerFeatureReader features, CustomerOverviewScorer scorer) {
        this.features = features;
        this.scorer = scorer;
    }

    /**
     * @throws InvalidRequestException  when the list is missing or empty
     * @throws RequestTooLargeException when it holds more than {@link #MAX_CUSTOMERS} ids
     */
    public BatchResult score(BatchRequest request) {
        if (request == null || request.customerIds() == null || request.customerIds().isEmpty()) {
            throw new InvalidRequestException("customerIds", "must be a non-empty list of customer ids");
        }
        if (request.customerIds().size() > MAX_CUSTOMERS) {
            throw new RequestTooLargeException("customerIds", MAX_CUSTOMERS, request.customerIds().size());
        }
        Set<String> valid = new LinkedHashSet<>();
        for (String id : request.customerIds()) {
            try {
                valid.add(CustomerIds.validate(id));
            } catch (InvalidRequestException e) {
                // reported on the id's own entry below
            }
        }
        Map<String, CustomerFeatures> found = features.findAll(valid, request.asOf());
        List<CustomerFeatures> toScore = new ArrayList<>(found.values());
        List<CustomerOverview> scores = scorer.scoreAll(toScore);
        Map<String, CustomerOverview> byId = new java.util.HashMap<>();
        for (int i = 0; i < toScore.size(); i++) {
            byId.put(toScore.get(i).customerId(), scores.get(i));
        }
        List<BatchResult.Entry> entries = new ArrayList<>();
        int scored = 0;
        int notFound = 0;
        int invalid = 0;
        for (int index = 0; index < request.customerIds().size(); index++) {
            String id;
            try {
                id = CustomerIds.validate(request.customerIds().get(index));
            } catch (InvalidRequestException e) {
                entries.add(new BatchResult.Entry(index, null, BatchResult.INVALID_ID, null, e.getMessage()));
                invalid++;
                continue;
            }
            CustomerOverview s = byId.get(id);
            if (s == null) {
                entries.add(new BatchResult.Entry(index, id, BatchResult.NOT_FOUND, null, "no profile exists for this customerId"));
                notFound++;
            } else {
                entries.add(new BatchResult.Entry(index, id, BatchResult.SCORED, s, null));
                scored++;
            }
        }
        return new BatchResult(entries, scored, notFound, invalid);
    }
}
