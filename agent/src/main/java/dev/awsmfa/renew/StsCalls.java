package dev.awsmfa.renew;

import dev.awsmfa.credentials.SessionCredentials;
import dev.awsmfa.renew.RenewFailure.Reason;
import dev.awsmfa.sts.StsFailure;

/** What an STS failure means for a renewal: the one mapping, shared by the code path and the role path. */
final class StsCalls {
    private StsCalls() {}

    /** One STS call without a code. */
    @FunctionalInterface
    interface PlainCall {
        SessionCredentials call() throws StsFailure;
    }

    static SessionCredentials call(PlainCall c) throws RenewFailure {
        try {
            return c.call();
        } catch (StsFailure f) {
            throw new RenewFailure(reasonOf(f.kind()), f.getMessage());
        }
    }

    static Reason reasonOf(StsFailure.Kind kind) {
        return switch (kind) {
            case WRONG_CODE -> Reason.CODE_REJECTED;
            case THROTTLED, UNREACHABLE, SERVICE_ERROR -> Reason.STS_UNAVAILABLE;
            case SESSION_EXPIRED -> Reason.NEEDS_CODE;
            default -> Reason.STS_REJECTED;
        };
    }
}
