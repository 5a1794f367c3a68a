package dev.awsmfa.prompt;

import dev.awsmfa.platform.ProcessResult;
import dev.awsmfa.platform.ProcessRunner;
import java.time.Duration;
import java.util.List;

/** A native macOS dialog through AppleScript's display dialog; the code shows as typed, as in our own dialog. */
public final class OsascriptPrompt extends DialogPrompt {

    public OsascriptPrompt(ProcessRunner runner) {
        this(runner, DEFAULT_TIMEOUT);
    }

    public OsascriptPrompt(ProcessRunner runner, Duration timeout) {
        super(runner, timeout);
    }

    @Override
    List<String> argv(CodeRequest request) {
        String dialog = "display dialog " + AppleScriptString.quote(request.message())
                + " default answer \"\" with title "
                + AppleScriptString.quote(request.windowTitle())
                + " buttons {\"Cancel\", \"OK\"} default button \"OK\" cancel button \"Cancel\"";
        return List.of("osascript", "-e", dialog, "-e", "text returned of result");
    }

    /** Cancel raises error -128 (exit 1); any other error also exits 1 but is a real failure. */
    @Override
    boolean cancelled(ProcessResult result) {
        return result.exitCode() == 1 && result.stderr().contains("(-128)");
    }
}
