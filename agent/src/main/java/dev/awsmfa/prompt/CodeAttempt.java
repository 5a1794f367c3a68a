package dev.awsmfa.prompt;

/** Tries one code (format check, then STS) and says what the prompt should do next. */
@FunctionalInterface
public interface CodeAttempt {
    Verdict submit(String code);

    sealed interface Verdict {
        /** The code worked; close the prompt. */
        record Accepted() implements Verdict {}

        /** Show the reason and ask for another code (wrong, used, or not six digits). */
        record TryAgain(String reason) implements Verdict {}

        /** Stop asking: the failure needs the user to fix something else. */
        record GiveUp(String reason) implements Verdict {}
    }
}
