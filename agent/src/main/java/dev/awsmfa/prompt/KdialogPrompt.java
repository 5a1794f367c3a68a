package dev.awsmfa.prompt;

import dev.awsmfa.platform.ProcessRunner;
import java.time.Duration;
import java.util.List;

/** kdialog's input box (KDE Plasma); the code shows as typed, as in our own dialog. */
public final class KdialogPrompt extends DialogPrompt {

    public KdialogPrompt(ProcessRunner runner) {
        this(runner, DEFAULT_TIMEOUT);
    }

    public KdialogPrompt(ProcessRunner runner, Duration timeout) {
        super(runner, timeout);
    }

    @Override
    List<String> argv(CodeRequest request) {
        return List.of("kdialog", "--title", request.windowTitle(), "--inputbox", request.message());
    }
}
