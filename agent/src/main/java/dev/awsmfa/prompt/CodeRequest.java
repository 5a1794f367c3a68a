package dev.awsmfa.prompt;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a prompt shows: which profiles one code renews, the device, the time left, and why we ask again. */
public record CodeRequest(
        List<String> profiles, String mfaSerial, Optional<Duration> timeLeft, Optional<String> retryReason) {

    /** The title of every prompt window; tests (and users' window rules) find it by this exact text. */
    public static final String DIALOG_TITLE = "aws-mfa-agent: MFA code";

    private static final Pattern VIRTUAL_MFA_ARN = Pattern.compile("arn:[a-z-]+:iam::(\\d{12}):mfa/(.+)");

    public CodeRequest retry(String reason) {
        return new CodeRequest(profiles, mfaSerial, timeLeft, Optional.of(reason));
    }

    /** "aws-mfa-agent: MFA code for dev, prod": every prompt window's title, starting with {@link #DIALOG_TITLE}. */
    public String windowTitle() {
        return DIALOG_TITLE + " for " + String.join(", ", profiles);
    }

    public String title() {
        return "MFA code for " + String.join(", ", profiles);
    }

    /** "Profile: dev" or "Profiles: dev, prod". */
    public String profilesLine() {
        return (profiles.size() == 1 ? "Profile: " : "Profiles: ") + String.join(", ", profiles);
    }

    /**
     * The device as its owner knows it: a virtual device's name and account rather than the whole ARN;
     * a hardware serial (GAHT12345678) as is.
     */
    public String deviceLabel() {
        Matcher m = VIRTUAL_MFA_ARN.matcher(mfaSerial);
        return m.matches() ? m.group(2) + " (account " + m.group(1) + ")" : mfaSerial;
    }

    /** The lines every prompt shows above the code field: profiles, device, and the time left if known. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>(List.of(profilesLine(), "MFA device: " + deviceLabel()));
        timeLeft.map(CodeRequest::timeLeftText).ifPresent(lines::add);
        return lines;
    }

    /** The whole text of a one-shot dialog (zenity, kdialog, osascript): what, why again, what to type. */
    public String message() {
        List<String> lines = new ArrayList<>(describe());
        retryReason.ifPresent(lines::add);
        lines.add("Enter the 6-digit code from your MFA device:");
        return String.join("\n", lines);
    }

    /** Seconds only matter in the last minutes, when the user races the expiry. */
    public static String timeLeftText(Duration left) {
        if (left.isNegative() || left.isZero()) {
            return "The session has expired.";
        }
        long s = left.toSeconds();
        String when;
        if (s < 60) {
            when = s + " s";
        } else if (s < 600) {
            when = (s / 60) + " min " + (s % 60) + " s";
        } else if (s < 3600) {
            when = (s / 60) + " min";
        } else {
            when = (s / 3600) + " h " + (s % 3600 / 60) + " min";
        }
        return "The session ends in " + when + ".";
    }
}
