package dev.awsmfa.credentials;

import dev.awsmfa.profile.IniFile;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** What the credentials file says about a profile's session: is there one, and until when. */
public record SessionState(boolean present, Optional<Instant> expiration) {

    public static SessionState of(IniFile credentials, String profile) {
        IniFile.Section s = credentials.section(profile);
        if (s == null || s.get("aws_session_token") == null) {
            return new SessionState(false, Optional.empty());
        }
        return new SessionState(true, expirationOf(s));
    }

    private static Optional<Instant> expirationOf(IniFile.Section s) {
        try {
            String ours = s.get(CredentialsEditor.EXPIRATION_KEY);
            if (ours != null) {
                return Optional.of(Instant.parse(ours));
            }
            String awsMfa = s.get(CredentialsEditor.AWS_MFA_EXPIRATION_KEY);
            if (awsMfa != null) {
                return Optional.of(CredentialsEditor.parseAwsMfaExpiration(awsMfa));
            }
        } catch (DateTimeParseException e) {
            // An unreadable expiry is treated as unknown, so the session gets renewed rather than trusted.
        }
        return Optional.empty();
    }
}
