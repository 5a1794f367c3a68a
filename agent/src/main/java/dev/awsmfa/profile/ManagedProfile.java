package dev.awsmfa.profile;

import java.time.Duration;
import java.util.Optional;

/**
 * A profile whose temporary credentials we keep fresh: where its long-term keys live ({@code source}, a
 * credentials section), its MFA device, and the settings for the STS call. With a {@code role}, it holds
 * role credentials; a chained role's keys and device are those of its session profile.
 */
public record ManagedProfile(
        String name,
        Layout layout,
        String source,
        LongTermKeys keys,
        String mfaSerial,
        int durationSeconds,
        String region,
        StsEndpoint endpoint,
        Optional<Duration> lead,
        Optional<String> mfaProcess,
        Optional<RoleTarget> role) {

    /** A profile whose session comes from GetSessionToken (no role). */
    public boolean sessionProfile() {
        return role.isEmpty();
    }

    /** Profiles sharing a device share one code and one prompt. */
    public DeviceKey device() {
        return new DeviceKey(keys.accessKeyId(), mfaSerial);
    }

    public record DeviceKey(String accessKeyId, String mfaSerial) {}
}
