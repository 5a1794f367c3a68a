package dev.awsmfa.profile;

import java.time.Duration;
import java.util.Optional;

/**
 * A profile whose temporary session we keep fresh: where its long-term keys live ({@code source}, a
 * credentials section), its MFA device, and the settings for the GetSessionToken call.
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
        Optional<String> mfaProcess) {

    /** Profiles sharing a device share one code and one prompt. */
    public DeviceKey device() {
        return new DeviceKey(keys.accessKeyId(), mfaSerial);
    }

    public record DeviceKey(String accessKeyId, String mfaSerial) {}
}
