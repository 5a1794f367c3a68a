package dev.awsmfa.schedule;

import dev.awsmfa.profile.ManagedProfile.DeviceKey;
import java.time.Instant;
import java.util.List;

/** One thing to do at one time for one MFA device: ask for a code, or say the session has ended. */
public record Step(Instant at, Kind kind, DeviceKey device, List<String> profiles, Instant expiration) {
    public enum Kind { PROMPT, EXPIRED_NOTICE }

    /** A stable name for the scheduler's job and trigger. */
    public String id() {
        return kind.name().toLowerCase() + "-" + Integer.toHexString(device.hashCode());
    }
}
