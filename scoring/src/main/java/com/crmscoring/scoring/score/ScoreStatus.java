package com.crmscoring.scoring.score;

/** Whether a personal score was computed. */
public enum ScoreStatus {
    /** Scored (for a segment, a prospect without purchases is scored too, with no segment). */
    SCORED,
    /** The customer objected to profiling (GDPR Art. 21): no score, band or reasons are given. */
    OPTED_OUT
}
