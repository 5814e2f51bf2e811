package com.crmscoring.scoring.overview;

import java.util.List;

/** {@code {"customerIds": ["12347", "12680"]}}: at most {@link BatchScorer#MAX_CUSTOMERS} ids. */
public record BatchRequest(List<String> customerIds) {
}
