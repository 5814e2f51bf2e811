package com.crmscoring.scoring.overview;

import java.util.List;

/**
 * {@code {"customerIds": ["12347", "12680"], "asOf": "2011-12-10T00:00:00Z"}}: at most
 * {@link BatchScorer#MAX_CUSTOMERS} ids, scored for {@code asOf} (ISO-8601), or for now when it is absent.
 */
public record BatchRequest(List<String> customerIds, String asOf) {
}
