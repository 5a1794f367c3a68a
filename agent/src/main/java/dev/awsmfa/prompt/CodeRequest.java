package dev.awsmfa.prompt;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** What a prompt shows: which profiles one code renews, the device, the time left, and why we ask again. */
public record CodeRequest(List<String> profiles, String mfaSerial, Optional<Duration> timeLeft, Optional<String> retryReason) {

    public CodeRequest retry(String reason) {
        return new CodeRequest(profiles, mfaSerial, timeLeft, Optional.of(reason));
    }

    public String title() {
        return "MFA code for " + String.join(", ", profiles);
    }
}
