package dev.awsmfa.schedule;

import dev.awsmfa.renew.DeviceGroup;
import java.time.Instant;
import java.util.List;

/**
 * One thing to do at one time for one device group: ask for a code, say the session has ended, or renew a
 * role silently from the device's live MFA session.
 */
public record Step(Instant at, Kind kind, DeviceGroup.Key group, List<String> profiles, Instant expiration) {
    public enum Kind {
        PROMPT,
        EXPIRED_NOTICE,
        ROLE_REFRESH
    }

    /** A stable name for the scheduler's job and trigger: the same step keeps it across replans and runs. */
    public String id() {
        String base = kind.name().toLowerCase() + "-" + group.id();
        return kind == Kind.ROLE_REFRESH ? base + "-" + profiles.get(0) : base;
    }
}
