package com.crmscoring.functions.profile;

import java.util.Optional;

/** Where customer profiles are read from. */
public interface ProfileRepository {

    /**
     * @return the profile, or empty when the customer is unknown
     * @throws DependencyUnavailableException when the store cannot be reached
     */
    Optional<StoredProfile> find(String customerId);
}
