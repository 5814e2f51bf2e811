package com.crmscoring.scoring.overview;

import com.crmscoring.scoring.churn.ChurnScore;
import com.crmscoring.scoring.offer.NextBestOffers;
import com.crmscoring.scoring.segment.SegmentScore;
import com.crmscoring.scoring.value.LifetimeValueScore;

/** Every personal score of one customer, from one read of the profile. */
public record CustomerOverview(String customerId, ChurnScore churn, SegmentScore segment, LifetimeValueScore lifetimeValue,
                            NextBestOffers nextBestOffers) {
}
