package dev.awsmfa.sts;

import dev.awsmfa.credentials.SessionCredentials;
import dev.awsmfa.profile.ManagedProfile;
import java.util.Optional;

/**
 * The two STS calls a renewal makes. {@link StsSessions} makes them through the AWS SDK; policy tests pass a
 * fake, so they need no HTTP.
 */
public interface Sts {

    /** GetSessionToken with the profile's long-term keys and an MFA code. */
    SessionCredentials getSessionToken(ManagedProfile profile, String code, int durationSeconds) throws StsFailure;

    /** AssumeRole from an MFA session (no code: role chaining), or with the long-term keys and a code. */
    SessionCredentials assumeRole(ManagedProfile profile, Optional<SessionCredentials> session, Optional<String> code)
            throws StsFailure;
}
