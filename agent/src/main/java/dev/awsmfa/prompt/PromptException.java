package dev.awsmfa.prompt;

/** The prompt itself failed (no terminal, helper crashed); the message is one line and holds no code. */
public class PromptException extends Exception {
    public PromptException(String message) {
        super(message);
    }
}
