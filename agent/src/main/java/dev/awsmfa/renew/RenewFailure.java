package dev.awsmfa.renew;

/** Why a renewal did not happen, with the documented exit code; the message is one line with the fix. */
public class RenewFailure extends Exception {

    public enum Reason {
        BAD_CODE_FORMAT(2),
        CONFIG(3),
        CODE_REJECTED(4),
        STS_REJECTED(5),
        STS_UNAVAILABLE(6),
        FILE(7),
        CANCELLED(8),
        /** A chained role's session has ended; renewing needs a code (the agent then prompts). */
        NEEDS_CODE(9);

        public final int exitCode;

        Reason(int exitCode) {
            this.exitCode = exitCode;
        }
    }

    private final Reason reason;

    public RenewFailure(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
