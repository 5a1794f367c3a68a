package dev.awsmfa.prompt;

import dev.awsmfa.platform.ProcessRunner;
import java.time.Duration;
import java.util.List;

/**
 * zenity's text entry (GNOME and most Linux desktops, X11 or Wayland). The digits show as typed: a one-time code
 * is read off a phone and typed digit by digit, and it is spent once used.
 */
public final class ZenityPrompt extends DialogPrompt {

    public ZenityPrompt(ProcessRunner runner) {
        this(runner, DEFAULT_TIMEOUT);
    }

    public ZenityPrompt(ProcessRunner runner, Duration timeout) {
        super(runner, timeout);
    }

    @Override
    List<String> argv(CodeRequest request) {
        return List.of(
                "zenity",
                "--entry",
                "--title",
                request.windowTitle(),
                "--text",
                labelText(request.message()),
                // GTK's own option: WM_CLASS aws-mfa-agent, as our Swing windows, for window rules and docks.
                "--class=aws-mfa-agent");
    }

    /**
     * zenity passes --text of an entry through g_strcompress (backslash escapes) and shows it as a mnemonic
     * label (an underscore underlines the next letter): double both so "my_profile" shows as typed.
     */
    static String labelText(String text) {
        return text.replace("\\", "\\\\").replace("_", "__");
    }
}
