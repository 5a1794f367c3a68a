package dev.awsmfa.prompt;

import java.util.Optional;

/** The code given on the command line (--code): used once, never asked for again. */
public final class FixedCodePrompt extends LinePrompt {
    private final String code;

    public FixedCodePrompt(String code) {
        super(1);
        this.code = code;
    }

    @Override
    protected Optional<String> read(CodeRequest request) {
        return Optional.of(code);
    }
}
