package dev.awsmfa.prompt;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Optional;

/** Asks on the terminal like the seed ("Enter MFA Code:"), or reads one line from piped stdin. */
public final class TerminalPrompt implements CodePrompt {
    private final BufferedReader in;
    private final PrintStream out;
    private final boolean interactive;

    public TerminalPrompt(BufferedReader in, PrintStream out, boolean interactive) {
        this.in = in;
        this.out = out;
        this.interactive = interactive;
    }

    @Override
    public Optional<String> ask(CodeRequest request) throws PromptException {
        if (interactive) {
            request.retryReason().ifPresent(r -> out.println(r));
            out.print("Enter MFA Code: ");
            out.flush();
        }
        try {
            String line = in.readLine();
            return line == null ? Optional.empty() : Optional.of(line.strip());
        } catch (IOException e) {
            throw new PromptException("cannot read the MFA code from the terminal: " + e.getMessage());
        }
    }
}
