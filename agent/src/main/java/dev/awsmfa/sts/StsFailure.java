package dev.awsmfa.sts;

/** A failed STS call, classified, with one line that says what happened and what to do. Holds no secrets. */
public class StsFailure extends Exception {

    public enum Kind {
        /** Wrong code, or one already used: AWS does not tell them apart. Ask for the next code. */
        WRONG_CODE,
        BAD_SERIAL,
        BAD_KEY,
        BAD_SECRET,
        NOT_LONG_TERM,
        /** A chained role's MFA session has ended: a code is needed. */
        SESSION_EXPIRED,
        DURATION_REJECTED,
        ACCESS_DENIED,
        THROTTLED,
        UNREACHABLE,
        SERVICE_ERROR,
        OTHER;

        /** The same request may succeed later with a fresh code, without the user fixing a setting. */
        public boolean transientFault() {
            return this == THROTTLED || this == UNREACHABLE || this == SERVICE_ERROR;
        }
    }

    private final Kind kind;

    public StsFailure(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
