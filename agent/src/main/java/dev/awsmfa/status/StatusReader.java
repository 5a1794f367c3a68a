package dev.awsmfa.status;

import dev.awsmfa.credentials.SessionState;
import dev.awsmfa.profile.ManagedProfile;
import dev.awsmfa.profile.ProfileCatalog;
import dev.awsmfa.profile.ProfileException;
import dev.awsmfa.status.ProfileStatus.State;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The state of every managed profile: a pure function of the files' content and the time. */
public final class StatusReader {

    private StatusReader() {}

    public static List<ProfileStatus> read(ProfileCatalog catalog, Instant now, Duration defaultLead) {
        List<ProfileStatus> all = new ArrayList<>();
        for (String name : catalog.managedNames()) {
            SessionState session = SessionState.of(catalog.credentials(), name);
            try {
                ManagedProfile p = catalog.resolve(name);
                Duration lead = p.lead().orElse(defaultLead);
                all.add(new ProfileStatus(
                        name,
                        Optional.of(p),
                        Optional.empty(),
                        stateOf(session, now, lead),
                        session.expiration(),
                        lead));
            } catch (ProfileException e) {
                all.add(new ProfileStatus(
                        name,
                        Optional.empty(),
                        Optional.of(e.getMessage()),
                        State.BROKEN,
                        session.expiration(),
                        defaultLead));
            }
        }
        return all;
    }

    static State stateOf(SessionState session, Instant now, Duration lead) {
        if (!session.present()) {
            return State.NEVER_RENEWED;
        }
        if (session.expiration().isEmpty()) {
            return State.UNKNOWN_EXPIRY;
        }
        Instant end = session.expiration().get();
        if (!now.isBefore(end)) {
            return State.EXPIRED;
        }
        return now.isBefore(end.minus(lead)) ? State.FRESH : State.EXPIRING;
    }
}
