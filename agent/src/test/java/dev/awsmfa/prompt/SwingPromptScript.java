package dev.awsmfa.prompt;

import java.awt.Color;
import java.awt.Component;
import java.awt.Container;
import java.awt.KeyboardFocusManager;
import java.awt.Window;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.swing.AbstractButton;
import javax.swing.JLabel;
import javax.swing.SwingUtilities;
import javax.swing.Timer;

/**
 * Runs in a child JVM for {@link SwingPromptDesktopTest}, since AWT reads DISPLAY once per JVM: asks once with
 * {@link SwingPrompt} and a scripted attempt, and reports on stdout, one line each:
 * {@code code NNNNNN} per code received, {@code state ...} whenever the dialog's state changes, {@code result B}.
 *
 * <p>Arguments, one verdict each: {@code tryagain:REASON}, {@code giveup:REASON}, {@code accept}.
 */
public final class SwingPromptScript {

    public static void main(String[] args) {
        List<CodeAttempt.Verdict> verdicts = new ArrayList<>();
        for (String arg : args) {
            String[] kv = arg.split(":", 2);
            verdicts.add(
                    switch (kv[0]) {
                        case "tryagain" -> ScriptedAttempt.tryAgain(kv[1]);
                        case "giveup" -> ScriptedAttempt.giveUp(kv[1]);
                        default -> ScriptedAttempt.accepted();
                    });
        }
        // a short delay, as STS takes, so that the "Checking…" state can be seen
        ScriptedAttempt attempt = new ScriptedAttempt(verdicts.toArray(CodeAttempt.Verdict[]::new))
                .delay(Duration.ofMillis(400))
                .onCode(code -> say("code " + code));
        CodeRequest request = new CodeRequest(
                List.of("dev", "prod"),
                "arn:aws:iam::123456789012:mfa/alice",
                Optional.of(Duration.ofMinutes(4)),
                Optional.empty());
        SwingUtilities.invokeLater(SwingPromptScript::watch);
        try {
            boolean result = new SwingPrompt().ask(request, attempt);
            say("result " + result);
            System.exit(0);
        } catch (PromptException e) {
            say("error " + e.getMessage());
            System.exit(2);
        }
    }

    private static synchronized void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    /** Reports the dialog's state whenever it changes, read on the EDT. */
    private static void watch() {
        String[] last = {""};
        new Timer(40, e -> {
                    String state = state();
                    if (!state.equals(last[0])) {
                        last[0] = state;
                        say(state);
                    }
                })
                .start();
    }

    private static String state() {
        for (Window w : Window.getWindows()) {
            if (CodeDialog.NAME.equals(w.getName()) && w.isShowing()) {
                JLabel status = (JLabel) find(w, "status");
                Color c = status.getForeground();
                Component focus =
                        KeyboardFocusManager.getCurrentKeyboardFocusManager().getFocusOwner();
                String text = status.getText()
                        .replaceAll("<[^>]*>", "")
                        .replace("&lt;", "<")
                        .replace("&gt;", ">")
                        .replace("&amp;", "&");
                return "state status=" + text
                        + "|color=" + String.format("%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue())
                        + "|field=" + find(w, "code").isEnabled()
                        + "|ok=" + ((AbstractButton) find(w, "ok")).isEnabled()
                        + "|focus=" + (focus == null ? "none" : focus.getName())
                        + "|time=" + ((JLabel) find(w, "time-left")).getText();
            }
        }
        return "state none";
    }

    private static Component find(Container parent, String name) {
        for (Component c : parent.getComponents()) {
            if (name.equals(c.getName())) {
                return c;
            }
            if (c instanceof Container inner) {
                Component found = find(inner, name);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
