package dev.awsmfa.profile;

/** The three ways users lay out an MFA profile; the session always goes to credentials [name]. */
public enum Layout {
    /** aws-cli-mfa: config [profile name] source_profile = S; mfa_serial in config [S] (no "profile " prefix). */
    SEED,
    /** Standard spelling: [profile name] with source_profile and mfa_serial; keys in credentials [S]. */
    STANDARD,
    /** aws-mfa: credentials [name-long-term] with the keys and aws_mfa_device. */
    LONG_TERM_SUFFIX
}
