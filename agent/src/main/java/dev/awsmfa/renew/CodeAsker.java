package dev.awsmfa.renew;

import dev.awsmfa.credentials.SessionCredentials;
import dev.awsmfa.profile.ManagedProfile;
import dev.awsmfa.prompt.CodeAttempt;
import dev.awsmfa.prompt.CodePrompt;
import dev.awsmfa.prompt.CodeRequest;
import dev.awsmfa.prompt.HelperFailedException;
import dev.awsmfa.prompt.MfaCode;
import dev.awsmfa.prompt.PromptException;
import dev.awsmfa.prompt.TotpStep;
import dev.awsmfa.renew.RenewFailure.Reason;
import dev.awsmfa.sts.StsFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Asks for the codes of one renewal, one per device per 30-second step, and sends each to STS once. */
final class CodeAsker {

    /** One STS call that carries a code. */
    @FunctionalInterface
    interface CodeCall {
        SessionCredentials call(String code) throws StsFailure;
    }

    private final Clock clock;
    private final TotpStep.Sleeper sleeper;
    private final CodePrompt prompt;
    private final Map<String, Instant> lastCodeAt = new HashMap<>();

    CodeAsker(Clock clock, TotpStep.Sleeper sleeper, CodePrompt prompt) {
        this.clock = clock;
        this.sleeper = sleeper;
        this.prompt = prompt;
    }

    /**
     * Asks for a code for {@code device}'s MFA device and makes the call. A device whose code this renewal
     * used within the current 30-second step waits for the next step first. Not across renewals: a click right
     * after a renewal shows its prompt at once (a code used twice is then told as such and asked again).
     */
    SessionCredentials ask(ManagedProfile device, CodeRequest request, CodeCall call) throws RenewFailure {
        Instant last = lastCodeAt.get(device.mfaSerial());
        if (last != null) {
            waitForNextStep(last);
        }
        SessionCredentials creds = askAndCall(request, call);
        lastCodeAt.put(device.mfaSerial(), clock.instant());
        return creds;
    }

    private void waitForNextStep(Instant lastCodeAt) throws RenewFailure {
        long wait = TotpStep.next(lastCodeAt).toEpochMilli() - clock.millis();
        if (wait > 0) {
            try {
                sleeper.sleep(Duration.ofMillis(wait));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RenewFailure(Reason.CANCELLED, "interrupted while waiting for the next MFA code");
            }
        }
    }

    private SessionCredentials askAndCall(CodeRequest request, CodeCall call) throws RenewFailure {
        Attempt attempt = new Attempt(call);
        boolean answered;
        try {
            answered = prompt.ask(request, attempt);
        } catch (PromptException e) {
            throw new RenewFailure(
                    e instanceof HelperFailedException ? Reason.CONFIG : Reason.CANCELLED, e.getMessage());
        }
        if (attempt.result != null) {
            return attempt.result;
        }
        if (!answered || attempt.failure == null) {
            throw new RenewFailure(Reason.CANCELLED, "no MFA code given; nothing was changed");
        }
        throw attempt.failure;
    }

    /** Checks a code's format, then sends it to STS once; remembers the result or the last failure. */
    private static final class Attempt implements CodeAttempt {
        private final CodeCall call;
        SessionCredentials result;
        RenewFailure failure;

        Attempt(CodeCall call) {
            this.call = call;
        }

        @Override
        public Verdict submit(String raw) {
            String code = MfaCode.normalize(raw);
            if (code == null) {
                failure =
                        new RenewFailure(Reason.BAD_CODE_FORMAT, MfaCode.RULE + "; nothing was sent to AWS, try again");
                return new Verdict.TryAgain(MfaCode.RULE + ".");
            }
            try {
                result = call.call(code);
                return new Verdict.Accepted();
            } catch (StsFailure f) {
                failure = new RenewFailure(StsCalls.reasonOf(f.kind()), f.getMessage());
                return f.kind() == StsFailure.Kind.WRONG_CODE
                        ? new Verdict.TryAgain(
                                "That code was wrong or already used (each code works once). Wait for the next code.")
                        : new Verdict.GiveUp(f.getMessage());
            }
        }
    }
}
