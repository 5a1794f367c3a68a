package dev.awsmfa.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CodeRequestTest {

    static final CodeRequest TWO_PROFILES = new CodeRequest(
            List.of("dev", "prod"),
            "arn:aws:iam::123456789012:mfa/alice",
            Optional.of(Duration.ofSeconds(272)),
            Optional.empty());

    @Nested
    @DisplayName("the device label")
    class DeviceLabel {
        @Test
        @DisplayName("names a virtual device by its name and account instead of the whole ARN")
        void virtualDevice() {
            assertEquals("alice (account 123456789012)", TWO_PROFILES.deviceLabel());
        }

        @Test
        @DisplayName("keeps a device path and works in other partitions")
        void pathAndPartition() {
            CodeRequest r = new CodeRequest(
                    List.of("gov"),
                    "arn:aws-us-gov:iam::210987654321:mfa/team/bob",
                    Optional.empty(),
                    Optional.empty());
            assertEquals("team/bob (account 210987654321)", r.deviceLabel());
        }

        @Test
        @DisplayName("shows a hardware serial as it is")
        void hardwareSerial() {
            assertEquals(
                    "GAHT12345678",
                    new CodeRequest(List.of("x"), "GAHT12345678", Optional.empty(), Optional.empty()).deviceLabel());
        }
    }

    @Nested
    @DisplayName("the time left")
    class TimeLeft {
        @Test
        @DisplayName("reads in seconds, minutes and seconds, minutes, or hours as the expiry comes closer")
        void units() {
            assertEquals("The session ends in 42 s.", CodeRequest.timeLeftText(Duration.ofSeconds(42)));
            assertEquals("The session ends in 4 min 32 s.", CodeRequest.timeLeftText(Duration.ofSeconds(272)));
            assertEquals(
                    "The session ends in 25 min.",
                    CodeRequest.timeLeftText(Duration.ofMinutes(25).plusSeconds(9)));
            assertEquals("The session ends in 2 h 5 min.", CodeRequest.timeLeftText(Duration.ofMinutes(125)));
        }

        @Test
        @DisplayName("says the session has expired once none is left")
        void expired() {
            assertEquals("The session has expired.", CodeRequest.timeLeftText(Duration.ZERO));
            assertEquals("The session has expired.", CodeRequest.timeLeftText(Duration.ofSeconds(-5)));
        }
    }

    @Nested
    @DisplayName("the message of a one-shot dialog")
    class Message {
        @Test
        @DisplayName("lists the profiles, the device, the time left and what to type")
        void firstAsk() {
            assertEquals("""
                    Profiles: dev, prod
                    MFA device: alice (account 123456789012)
                    The session ends in 4 min 32 s.
                    Enter the 6-digit code from your MFA device:""", TWO_PROFILES.message());
        }

        @Test
        @DisplayName("adds the reason when asking again, and leaves out an unknown time left")
        void retry() {
            CodeRequest r =
                    new CodeRequest(List.of("dev"), "GAHT1", Optional.empty(), Optional.empty()).retry("Wrong code.");
            assertEquals(
                    "Profile: dev\nMFA device: GAHT1\nWrong code.\nEnter the 6-digit code from your MFA device:",
                    r.message());
        }
    }
}
