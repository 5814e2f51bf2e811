package com.crmscoring.scoring.privacy;

import com.crmscoring.scoring.score.CustomerIds;
import com.crmscoring.scoring.score.InvalidRequestException;
import com.crmscoring.storage.privacy.PrivacyStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The customer's rights, as the shop asks for them: an objection to profiling and its withdrawal
 * (GDPR Art. 21), and erasure (Art. 17). Each is idempotent and stamped with the time it was
 * received. What is kept for a customer who objected: their orders and order history, which fraud
 * screening of their future orders needs (a legitimate interest); no scores are computed or
 * stored for them.
 */
public final class PrivacyRequests {

    public static final String OBJECT = "OBJECT_TO_PROFILING";
    public static final String WITHDRAW = "WITHDRAW_OBJECTION";
    public static final String ERASE = "ERASE";
    private static final List<String> ACTIONS = List.of(OBJECT, WITHDRAW, ERASE);

    private final PrivacyStore store;
    private final Clock clock;

    public PrivacyRequests(PrivacyStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** @throws InvalidRequestException when the id is malformed */
    public PrivacyAnswer objectToProfiling(String customerId) {
        String id = CustomerIds.validate(customerId);
        Instant at = clock.instant();
        store.recordObjection(id, at);
        return new PrivacyAnswer(id, OBJECT, at.toString(), null);
    }

    /** @throws InvalidRequestException when the id is malformed */
    public PrivacyAnswer withdrawObjection(String customerId) {
        String id = CustomerIds.validate(customerId);
        Instant at = clock.instant();
        store.withdrawObjection(id, at);
        return new PrivacyAnswer(id, WITHDRAW, at.toString(), null);
    }

    /** @throws InvalidRequestException when the id is malformed */
    public PrivacyAnswer erase(String customerId) {
        String id = CustomerIds.validate(customerId);
        Instant at = clock.instant();
        return new PrivacyAnswer(id, ERASE, at.toString(), store.erase(id, at));
    }

    /** @throws InvalidRequestException when the body, the id or the action is missing or unknown */
    public PrivacyAnswer handle(PrivacyRequest request) {
        if (request == null) {
            throw new InvalidRequestException("body", "is required");
        }
        if (request.action() == null || !ACTIONS.contains(request.action())) {
            throw new InvalidRequestException("action", "must be one of " + ACTIONS);
        }
        return switch (request.action()) {
            case OBJECT -> objectToProfiling(request.customerId());
            case WITHDRAW -> withdrawObjection(request.customerId());
            default -> erase(request.customerId());
        };
    }
}
