package com.crmscoring.scoring.score;

import com.crmscoring.scoring.profile.ProfileRepository;
import com.crmscoring.scoring.profile.StoredProfile;

/** Validates a customer id and reads the profile, or fails with the exception that names why. */
public final class ProfileLookup {

    private final ProfileRepository profiles;

    public ProfileLookup(ProfileRepository profiles) {
        this.profiles = profiles;
    }

    /**
     * @throws InvalidRequestException   when the id is malformed
     * @throws ProfileNotFoundException  when no profile exists
     */
    public StoredProfile require(String customerId) {
        String id = CustomerIds.validate(customerId);
        return profiles.find(id).orElseThrow(() -> new ProfileNotFoundException(id));
    }
}
