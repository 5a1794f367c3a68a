package dev.awsmfa.prompt;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Optional;

/** Asks on the terminal like the seed ("Enter MFA Code:"), or reads one line from piped stdin. */
public final class TerminalPrompt extends LinePrompt {
    private final BufferedReader in;
    private final PrintStream out;
    private final boolean interactive;

    /** Piped input gets one code: a second line would be a stale one. */
    public TerminalPrompt(BufferedReader in, PrintStream out, boolean interactive) {
        super(interactive ? 3 : 1);
        this.in = in;
        this.out = out;
        this.interactive = interactive;
    }

    @Override
    protected Optional<String> read(CodeRequest request) throws PromptException {
        if (interactive) {
            request.retryReason().ifPresent(out::println);
            out.print("Enter MFA Code: ");
            out.flush();
        }
        try {
            String line = in.readLine();
            return line == null || line.isBlank() ? Optional.empty() : Optional.of(line.strip());
        } catch (IOException e) {
            throw new PromptException("cannot read the MFA code from the terminal: " + e.getMessage());
        }
    }
}
