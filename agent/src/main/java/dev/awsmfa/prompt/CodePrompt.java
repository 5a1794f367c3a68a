package dev.awsmfa.prompt;

import java.util.Optional;

/** Asks the user (or a helper) for one MFA code. Empty means cancelled: snooze, do not fail. */
public interface CodePrompt {
    Optional<String> ask(CodeRequest request) throws PromptException;
}
