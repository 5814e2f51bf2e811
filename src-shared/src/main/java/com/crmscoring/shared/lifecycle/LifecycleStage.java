package com.crmscoring.shared.lifecycle;

/** The customer life cycle of the CRM literature, in order. */
public enum LifecycleStage {
    /** A prospect: known to the shop, never bought. */
    ACQUISITION,
    /** New or buying more and more. */
    GROWTH,
    /** Established and steady. */
    MATURITY,
    /** Buying less, or not lately. */
    RECESSION,
    /** Gone for longer than almost anyone who comes back. */
    TERMINATION
}
