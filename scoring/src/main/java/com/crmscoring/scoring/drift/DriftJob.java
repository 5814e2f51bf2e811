package com.crmscoring.scoring.drift;

import com.crmscoring.scoring.score.CustomerFeatureReader;
import com.crmscoring.scoring.score.CustomerFeatures;
import com.crmscoring.storage.profile.ProfileScan;
import com.crmscoring.storage.profile.StoredProfile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The scheduled drift job: every profile, read with a bounded parallel scan, described at the
 * run's instant with the scorers' own feature code, and counted into each model's reference bins.
 */
public final class DriftJob {

    /** A run's report and what its scan read. */
    public record Result(DriftReport report, ProfileScan.Summary scan) {
    }

    private DriftJob() {
    }

    /**
     * @param at the instant the customers are described at: the run's, so that a customer who has
     *           not bought for a year is compared as they are today, not as at their last order
     */
    public static Result run(ProfileScan scan, ProfileScan.Limits limits, CustomerFeatureReader features,
                             List<PopulationDrift.Watched> watched, Instant at) {
        PopulationDrift drift = new PopulationDrift(watched);
        ProfileScan.Summary summary = scan.scan(limits, page -> {
            List<CustomerFeatures> described = new ArrayList<>(page.size());
            long objected = 0;
            for (StoredProfile p : page) {
                // Art. 21 GDPR: not even described, let alone scored, if they objected to profiling.
                if (p.profilingOptOut()) {
                    objected++;
                } else {
                    described.add(features.at(p, at));
                }
            }
            drift.leftOut(objected);
            drift.add(described);
        });
        return new Result(drift.report(at, "training"), summary);
    }
}
