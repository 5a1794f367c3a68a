package dev.awsmfa.prompt;

import static dev.awsmfa.prompt.ScriptedAttempt.accepted;
import static dev.awsmfa.prompt.ScriptedAttempt.tryAgain;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awsmfa.platform.Os;
import dev.awsmfa.platform.SystemProcessRunner;
import dev.awsmfa.testing.Desktop;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** zenity on a real (virtual) X display, typed into with xdotool, with the pointer over it (GTK wants that without a WM). */
@DisplayName("The zenity prompt, on a real X display")
class ZenityPromptDesktopTest {
    static final String TITLE = "^aws-mfa-agent: MFA code for ";
    static final Duration WAIT = Duration.ofSeconds(20);
    static Desktop desktop;
    static ExecutorService worker;

    @BeforeAll
    static void startDesktop() {
        Desktop.require("zenity");
        desktop = Desktop.start();
        worker = Executors.newSingleThreadExecutor();
    }

    @AfterAll
    static void stopDesktop() {
        if (worker != null) {
            worker.shutdownNow();
        }
        if (desktop != null) {
            desktop.close();
        }
    }

    static ZenityPrompt prompt() {
        return new ZenityPrompt(new SystemProcessRunner(Os.current(), desktop.env()), Duration.ofSeconds(60));
    }

    static void typeInto(String window, String keys) {
        desktop.pointAt(window);
        Desktop.pause(Duration.ofMillis(300));
        desktop.xdotool("type", "--delay", "40", keys);
        desktop.xdotool("key", "Return");
    }

    @Test
    @DisplayName("takes a typed code, and asks again in a new dialog after a wrong one")
    void wrongThenRight() throws Exception {
        ScriptedAttempt attempt = new ScriptedAttempt(tryAgain("That code was wrong."), accepted());
        Future<Boolean> asked = worker.submit(() -> prompt().ask(CodeRequestTest.TWO_PROFILES, attempt));
        try {
            String first = desktop.waitForWindow(TITLE, WAIT);
            assertTrue(
                    desktop.xdotool("search", "--onlyvisible", "--class", "^aws-mfa-agent$")
                            .lines()
                            .toList()
                            .contains(first),
                    "the zenity window's WM_CLASS is aws-mfa-agent");
            typeInto(first, "111111");
            Desktop.waitUntil(WAIT, () -> attempt.codes.size() == 1, "the first code");
            // zenity has exited before the code reached the attempt, so this is the new dialog (X may reuse the id)
            String second = desktop.waitForWindow(TITLE, WAIT);
            desktop.screenshot(Path.of("target", "screens", "zenity-wrong-code.png"));
            typeInto(second, "222222");
            assertTrue(asked.get(20, TimeUnit.SECONDS));
            assertEquals(List.of("111111", "222222"), attempt.codes);
        } catch (Exception | AssertionError e) {
            e.addSuppressed(new AssertionError("screen: " + desktop.screenshotQuietly("zenity-wrong-then-right")));
            throw e;
        } finally {
            asked.cancel(true);
        }
    }

    @Test
    @DisplayName("reports Escape as later")
    void escape() throws Exception {
        ScriptedAttempt attempt = new ScriptedAttempt();
        Future<Boolean> asked = worker.submit(() -> prompt().ask(CodeRequestTest.TWO_PROFILES, attempt));
        try {
            String window = desktop.waitForWindow(TITLE, WAIT);
            desktop.pointAt(window);
            Desktop.pause(Duration.ofMillis(300));
            desktop.xdotool("key", "Escape");
            assertFalse(asked.get(20, TimeUnit.SECONDS));
            assertTrue(attempt.codes.isEmpty());
        } finally {
            asked.cancel(true);
        }
    }
}
