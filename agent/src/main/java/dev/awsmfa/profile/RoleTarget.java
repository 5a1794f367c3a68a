package dev.awsmfa.profile;

import java.util.Optional;

/**
 * A profile that holds role credentials. Chained: AssumeRole from the MFA session of {@code sessionProfile},
 * no code needed, at most one hour. Direct: AssumeRole with the long-term keys and an MFA code of its own.
 */
public record RoleTarget(
        String roleArn,
        Optional<String> externalId,
        String sessionName,
        int durationSeconds,
        Optional<String> sessionProfile) {

    /** AWS caps sessions of a role assumed with session credentials ("role chaining") at one hour. */
    public static final int CHAINING_MAX = 3600;

    public static final int DEFAULT_DURATION = 3600;

    public boolean chained() {
        return sessionProfile.isPresent();
    }
}
