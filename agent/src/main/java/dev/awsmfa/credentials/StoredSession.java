package dev.awsmfa.credentials;

import dev.awsmfa.profile.IniFile;
import java.time.Instant;
import java.util.Optional;

/** A session profile's credentials as the file holds them, to chain roles from without a new code. */
public final class StoredSession {
    /** A chained role is renewed from a session that still has this long to go; else a code renews both. */
    public static final java.time.Duration ROLE_MARGIN = java.time.Duration.ofMinutes(5);

    private StoredSession() {}

    /** The session in [{@code profile}] when it is still valid for at least {@code minimum} after {@code now}. */
    public static Optional<SessionCredentials> live(IniFile credentials, String profile, Instant after) {
        IniFile.Section s = credentials.section(profile);
        SessionState state = SessionState.of(credentials, profile);
        if (s == null
                || !state.present()
                || state.expiration().isEmpty()
                || !state.expiration().get().isAfter(after)) {
            return Optional.empty();
        }
        String id = s.get("aws_access_key_id");
        String secret = s.get("aws_secret_access_key");
        if (id == null || secret == null) {
            return Optional.empty();
        }
        return Optional.of(new SessionCredentials(
                id, secret, s.get("aws_session_token"), state.expiration().get()));
    }
}
