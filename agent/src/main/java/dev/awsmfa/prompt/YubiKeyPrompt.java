package dev.awsmfa.prompt;

import java.nio.file.Path;

/**
 * A YubiKey's OATH code through {@code ykman oath accounts code --single NAME} (set as the profile's
 * mfa_process, as aws-vault defines it). ykman waits silently for a touch when the account requires one,
 * so the user is told before it runs.
 */
public final class YubiKeyPrompt implements CodePrompt {
    private final CodePrompt ykman;
    private final Runnable touchNotice;

    public YubiKeyPrompt(CodePrompt ykman, Runnable touchNotice) {
        this.ykman = ykman;
        this.touchNotice = touchNotice;
    }

    /** Is this mfa_process command line a call of ykman? */
    public static boolean isYkman(String command) {
        String first = command.strip().split("\\s+", 2)[0];
        String name = Path.of(first.isEmpty() ? "x" : first).getFileName().toString();
        return name.equals("ykman") || name.equals("ykman.exe");
    }

    @Override
    public boolean ask(CodeRequest request, CodeAttempt attempt) throws PromptException {
        touchNotice.run();
        return ykman.ask(request, attempt);
    }
}
