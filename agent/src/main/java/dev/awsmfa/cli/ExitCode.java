package dev.awsmfa.cli;

import java.util.Arrays;
import java.util.Optional;

/**
 * The exit codes, one table: README's "Exit codes" shows exactly these ({@code ExitCodeTest} compares them), and
 * every {@code RenewFailure.Reason} exits with one of them. The int constants are the values, for commands.
 */
public final class ExitCode {

    /** Each code with the meaning README gives it. */
    public enum Code {
        OK(0, "success"),
        INTERNAL(1, "internal error (a bug: please report it)"),
        USAGE(2, "usage error (also `--duration` outside 900..129600), or an MFA code that is not 6 digits"),
        CONFIG(
                3,
                "profile or config problem (the message names the file or profile and the fix), or a failing `mfa_process`"),
        CODE_REJECTED(4, "MFA code rejected by AWS: wrong, or already used (each code works once; wait for the next)"),
        STS_REJECTED(5, "AWS rejected the keys, the MFA device or the duration"),
        STS_UNAVAILABLE(
                6,
                "STS unreachable, throttled or failing, or a reply that is not from STS (a captive portal, "
                        + "a proxy); try again with the next code"),
        FILE(7, "the credentials file could not be written (it is unchanged)"),
        CANCELLED(8, "cancelled: no code given"),
        NEEDS_CODE(9, "a role's MFA session has ended: renew its session profile with a code"),
        PARTIAL(
                10,
                "renewed, but not every profile of the group: the output lists each one as renewed or failed, "
                        + "with the reason"),
        NO_DISPLAY(
                11,
                "the tray agent has no display or no system tray to show its icon on (use `renew` and "
                        + "`status` in a terminal)");

        public final int value;
        public final String meaning;

        Code(int value, String meaning) {
            this.value = value;
            this.meaning = meaning;
        }

        public static Optional<Code> of(int value) {
            return Arrays.stream(values()).filter(c -> c.value == value).findFirst();
        }
    }

    public static final int OK = Code.OK.value;
    public static final int INTERNAL = Code.INTERNAL.value;
    public static final int USAGE = Code.USAGE.value;
    public static final int CONFIG = Code.CONFIG.value;
    public static final int PARTIAL = Code.PARTIAL.value;
    public static final int NO_DISPLAY = Code.NO_DISPLAY.value;

    private ExitCode() {}
}
