package dev.awsmfa.cli;

/** Documented exit codes (README, "Exit codes"); the renew failures carry theirs in RenewFailure.Reason. */
public final class ExitCode {
    public static final int OK = 0;
    public static final int INTERNAL = 1;
    public static final int USAGE = 2;
    public static final int CONFIG = 3;

    private ExitCode() {}
}
