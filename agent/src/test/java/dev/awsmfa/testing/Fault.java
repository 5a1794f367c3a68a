package dev.awsmfa.testing;

import java.time.Duration;
import java.util.Objects;

/**
 * A failure the {@link StsStub} injects instead of (or around) its normal answer.
 *
 * <p>Whether the request is processed matters for one-time MFA codes, so each kind says so:
 * <ul>
 *   <li>{@link ErrorReply} and {@link Reset}: the request is NOT processed (no code consumed, nothing issued).
 *   <li>{@link Delay} and {@link ConsumeThenDrop}: the request IS processed first (code consumed,
 *       credentials issued and listed in {@link StsStub#issued()}), then the reply is late or lost -
 *       what a client sees when AWS did the work but the network failed on the way back.
 * </ul>
 */
public sealed interface Fault {

    /** An STS error document with the given HTTP status, instead of processing the request. */
    record ErrorReply(int status, String type, String code, String message) implements Fault {
        public ErrorReply {
            Objects.requireNonNull(type);
            Objects.requireNonNull(code);
            Objects.requireNonNull(message);
        }
    }

    /** Process the request, then wait {@code delay} before sending the real reply. */
    record Delay(Duration delay) implements Fault {
        public Delay {
            if (delay.isNegative()) {
                throw new IllegalArgumentException("negative delay " + delay);
            }
        }
    }

    /** Close the connection with a TCP reset and no reply, without processing the request. */
    record Reset() implements Fault {}

    /** Process the request (consuming its MFA code), then close the connection without a reply. */
    record ConsumeThenDrop() implements Fault {}

    /** HTTP 500 InternalFailure, as STS reports an internal error. */
    static Fault internalFailure() {
        return new ErrorReply(
                500,
                "Receiver",
                "InternalFailure",
                "The request processing has failed because of an unknown error, exception or failure.");
    }

    /** HTTP 503 ServiceUnavailable. */
    static Fault serviceUnavailable() {
        return new ErrorReply(
                503,
                "Receiver",
                "ServiceUnavailable",
                "The request has failed due to a temporary failure of the server.");
    }

    /** HTTP 400 Throttling "Rate exceeded", what STS sends when a caller is throttled. */
    static Fault throttling() {
        return new ErrorReply(400, "Sender", "Throttling", "Rate exceeded");
    }

    /** Any other STS error document. */
    static Fault error(int status, String code, String message) {
        return new ErrorReply(status, status >= 500 ? "Receiver" : "Sender", code, message);
    }

    static Fault delay(Duration delay) {
        return new Delay(delay);
    }

    static Fault reset() {
        return new Reset();
    }

    static Fault consumeThenDrop() {
        return new ConsumeThenDrop();
    }
}
