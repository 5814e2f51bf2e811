package com.crmscoring.functions.overview;

import com.crmscoring.functions.churn.ChurnScore;
import com.crmscoring.functions.offer.NextBestOffers;
import com.crmscoring.functions.segment.SegmentScore;
import com.crmscoring.functions.value.LifetimeValueScore;

/** Every personal score of one customer, from one read of the profile. */
public record ProfileScores(String customerId, ChurnScore churn, SegmentScore segment, LifetimeValueScore lifetimeValue,
                            NextBestOffers nextBestOffers) {
}
