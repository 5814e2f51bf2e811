package com.crmscoring.storage.profile;

/**
 * The attributes of a profile item beyond the customer's own ({@code CustomerAttributes}): what
 * the writers of the item need to cooperate, and what they store for people and analytics.
 */
public final class ProfileItemAttributes {

    /** When the customer objected to profiling (ISO-8601), kept while the objection stands. */
    public static final String PROFILING_OPT_OUT_AT = "profilingOptOutAt";
    /** The compressed {@code CustomerHistory} that features at any later instant are computed from. */
    public static final String ORDER_HISTORY = "orderHistory";
    /** Incremented by every writer of the item: writes are conditional on the version they read. */
    public static final String VERSION = "version";
    /** The scores stored by the order handler, for analytics; never read by scoring. */
    public static final String SCORES = "scores";
    /**
     * On an erased customer's marker item, the only attribute besides the id: when they were erased.
     * Orders from before it are not taken in again.
     */
    public static final String ERASED_AT = "erasedAt";
    /** The latest order's fraud screening, for the shop's review queue. */
    public static final String LAST_ORDER_SCREENING = "lastOrderScreening";

    private ProfileItemAttributes() {
    }
}
