package com.crmscoring.storage.profile;

import com.crmscoring.storage.DependencyUnavailableException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Where the scorers read customer profiles from. Erased customers have none. */
public interface ProfileStore {

    /**
     * @return the profile, or empty when the customer is unknown
     * @throws DependencyUnavailableException when the store cannot be reached
     */
    Optional<StoredProfile> find(String customerId);

    /**
     * Reads many profiles at once; customers without a profile are simply absent from the result.
     *
     * @throws DependencyUnavailableException when the store cannot be reached
     */
    default Map<String, StoredProfile> findAll(Collection<String> customerIds) {
        Map<String, StoredProfile> out = new LinkedHashMap<>();
        for (String id : customerIds) {
            find(id).ifPresent(p -> out.put(id, p));
        }
        return out;
    }
}
