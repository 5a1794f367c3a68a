package dev.awsmfa.prompt;

/**
 * Asks the user (or a helper command) for MFA codes. Each code entered goes to {@code attempt}, which
 * checks it with STS; a prompt that can stay open (a dialog) shows the reason and asks again.
 */
public interface CodePrompt {

    /** @return false when the user cancelled (snooze), true once a code was accepted or the attempt gave up */
    boolean ask(CodeRequest request, CodeAttempt attempt) throws PromptException;
}
