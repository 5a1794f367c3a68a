package dev.awsmfa.prompt;

/**
 * A code helper ({@code mfa_process}) ran and gave no code: it could not start, failed, or printed no code.
 * Not a cancellation: the user asked for nothing to stop, the profile's helper is broken, so the renewal
 * fails as a setup problem and the message carries the helper's own last error line.
 */
public final class HelperFailedException extends PromptException {
    public HelperFailedException(String message) {
        super(message);
    }
}
