package dev.awsmfa.prompt;

import java.util.Optional;

/**
 * A prompt that reads one code per call (terminal, zenity, kdialog, osascript, a command): asking again
 * after a rejected code means calling it again with the reason, up to {@code maxCodes} times.
 */
public abstract class LinePrompt implements CodePrompt {
    private final int maxCodes;

    protected LinePrompt(int maxCodes) {
        this.maxCodes = maxCodes;
    }

    /** One code, or empty when the user cancelled. */
    protected abstract Optional<String> read(CodeRequest request) throws PromptException;

    @Override
    public final boolean ask(CodeRequest request, CodeAttempt attempt) throws PromptException {
        CodeRequest current = request;
        for (int i = 0; i < maxCodes; i++) {
            Optional<String> code = read(current);
            if (code.isEmpty()) {
                return false;
            }
            CodeAttempt.Verdict v = attempt.submit(code.get());
            if (!(v instanceof CodeAttempt.Verdict.TryAgain again)) {
                return true;
            }
            current = request.retry(again.reason());
        }
        return true;
    }
}
