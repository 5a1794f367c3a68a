package dev.awsmfa.tray;

/** The overall state at a glance, one distinct icon each. */
public enum IconState {
    /** Every session is fresh. */
    FRESH,
    /** Something expires within its lead time, or nothing is managed yet (a profile to set up). */
    EXPIRING,
    /** Something expired, failed, or is misconfigured. */
    PROBLEM,
    /** A renewal is in progress. */
    RENEWING
}
