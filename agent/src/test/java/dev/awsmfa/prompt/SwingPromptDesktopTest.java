package dev.awsmfa.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awsmfa.testing.Desktop;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The Swing dialog on a real (virtual) X display with no window manager, typed into with xdotool. The dialog
 * runs in a child JVM ({@link SwingPromptScript}) because AWT reads DISPLAY once per JVM.
 */
@DisplayName("The Swing code dialog, on a real X display")
class SwingPromptDesktopTest {
    static final String TITLE = "^aws-mfa-agent: MFA code for ";
    static final Duration WAIT = Duration.ofSeconds(20);
    /** As the renewer words it: long enough to need wrapping. */
    static final String REASON = "That code was wrong or already used (each code works once). Wait for the next code.";

    static Desktop desktop;

    @BeforeAll
    static void startDesktop() {
        desktop = Desktop.start();
    }

    @AfterAll
    static void stopDesktop() {
        if (desktop != null) {
            desktop.close();
        }
    }

    @Test
    @DisplayName("keeps the dialog open after a wrong code, shows why in red, and accepts the next code typed")
    void wrongThenRight() throws Exception {
        try (Child child = Child.start("tryagain:" + REASON, "accept")) {
            child.diagnoseOnFailure("wrong-then-right", () -> {
                String window = desktop.waitForWindow(TITLE, WAIT);
                child.await(l -> l.contains("|focus=code|"), "the code field to have the keyboard focus");
                Path before = desktop.screenshot(Path.of("target", "screens", "prompt-asking.png"));
                assertEquals(0, redPixels(before, desktop.geometry(window)), "no red before a wrong code");

                Desktop.pause(Duration.ofMillis(300));
                desktop.xdotool("type", "--delay", "40", "111111");
                desktop.xdotool("key", "Return");
                child.await(l -> l.equals("code 111111"), "the first code to be submitted");
                child.await(
                        l -> l.startsWith("state status=Checking\u2026|") && l.contains("|field=false|ok=false|"),
                        "the dialog to show Checking… and lock");
                child.await(
                        l -> l.startsWith("state status=" + REASON + "|color=c80000|field=true|ok=false|focus=code|"),
                        "the reason in red, an empty field with the focus");
                assertEquals(List.of(window), desktop.findWindows(TITLE), "the same dialog is still open");
                Path shot = desktop.screenshot(Path.of("target", "screens", "prompt-wrong-code.png"));
                assertTrue(redPixels(shot, desktop.geometry(window)) > 30, "the reason is drawn in red: " + shot);

                desktop.xdotool("type", "--delay", "40", "222222");
                desktop.xdotool("key", "Return");
                child.await(l -> l.equals("result true"), "the prompt to report the code accepted");
                assertEquals(List.of("111111", "222222"), child.codes());
                assertEquals(0, child.exitCode());
                desktop.waitForNoWindow(TITLE, WAIT);
            });
        }
    }

    @Test
    @DisplayName("drops letters, and ignores Enter until six digits are in")
    void onlySixDigits() throws Exception {
        try (Child child = Child.start("accept")) {
            child.diagnoseOnFailure("only-six-digits", () -> {
                desktop.waitForWindow(TITLE, WAIT);
                child.await(l -> l.contains("|focus=code|"), "the code field to have the keyboard focus");
                Desktop.pause(Duration.ofMillis(300));
                desktop.xdotool("type", "--delay", "40", "12ab34");
                desktop.xdotool("key", "Return");
                Desktop.pause(Duration.ofMillis(800));
                assertTrue(child.codes().isEmpty(), "nothing submitted with four digits");
                assertTrue(child.last("state ").contains("|ok=false|"), child.last("state "));
                desktop.xdotool("type", "--delay", "40", "56");
                child.await(l -> l.contains("|ok=true|"), "OK to be enabled with six digits");
                desktop.xdotool("key", "Return");
                child.await(l -> l.equals("result true"), "the code to be accepted");
                assertEquals(List.of("123456"), child.codes());
            });
        }
    }

    @Test
    @DisplayName("closes on Escape and reports \"later\", sending no code")
    void escapeCancels() throws Exception {
        try (Child child = Child.start()) {
            child.diagnoseOnFailure("escape-cancels", () -> {
                desktop.waitForWindow(TITLE, WAIT);
                child.await(l -> l.contains("|focus=code|"), "the code field to have the keyboard focus");
                desktop.xdotool("type", "--delay", "40", "123");
                desktop.xdotool("key", "Escape");
                child.await(l -> l.equals("result false"), "the prompt to report a cancel");
                assertTrue(child.codes().isEmpty());
                desktop.waitForNoWindow(TITLE, WAIT);
            });
        }
    }

    @Test
    @DisplayName("closes when the attempt gives up, reporting that the prompt is done")
    void givesUp() throws Exception {
        try (Child child = Child.start("giveup:The access key was rejected.")) {
            child.diagnoseOnFailure("gives-up", () -> {
                desktop.waitForWindow(TITLE, WAIT);
                child.await(l -> l.contains("|focus=code|"), "the code field to have the keyboard focus");
                Desktop.pause(Duration.ofMillis(300));
                desktop.xdotool("type", "--delay", "40", "333333");
                desktop.xdotool("key", "Return");
                child.await(l -> l.equals("result true"), "the prompt to finish");
                assertEquals(List.of("333333"), child.codes());
                desktop.waitForNoWindow(TITLE, WAIT);
            });
        }
    }

    /** Strong red (the reason's colour, 200/0/0) inside the window, antialiased edges included. */
    static int redPixels(Path png, Desktop.Geometry g) throws IOException {
        BufferedImage image = ImageIO.read(png.toFile());
        int count = 0;
        for (int y = Math.max(0, g.y()); y < Math.min(image.getHeight(), g.y() + g.height()); y++) {
            for (int x = Math.max(0, g.x()); x < Math.min(image.getWidth(), g.x() + g.width()); x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int gr = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                if (r >= 150 && gr <= 70 && b <= 70) {
                    count++;
                }
            }
        }
        return count;
    }

    /** The child JVM running {@link SwingPromptScript}, its stdout collected line by line. */
    static final class Child implements AutoCloseable {
        final Process process;
        final List<String> lines = new CopyOnWriteArrayList<>();

        private Child(Process process) {
            this.process = process;
            Thread reader = new Thread(
                    () -> {
                        try (BufferedReader in = new BufferedReader(
                                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                            in.lines().forEach(lines::add);
                        } catch (IOException e) {
                            // the child is gone
                        }
                    },
                    "child stdout");
            reader.setDaemon(true);
            reader.start();
        }

        static Child start(String... verdicts) throws IOException {
            List<String> argv = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    "-Djava.awt.headless=false",
                    SwingPromptScript.class.getName()));
            argv.addAll(List.of(verdicts));
            ProcessBuilder builder = desktop.command(argv)
                    .redirectError(
                            ProcessBuilder.Redirect.appendTo(Path.of("target", "desktop", "swing-prompt-child.log")
                                    .toFile()));
            return new Child(desktop.launch(builder));
        }

        String await(Predicate<String> wanted, String what) {
            try {
                Desktop.waitUntil(WAIT, () -> lines.stream().anyMatch(wanted), what);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; the child said: " + lines, e);
            }
            return lines.stream().filter(wanted).findFirst().orElseThrow();
        }

        List<String> codes() {
            return lines.stream()
                    .filter(l -> l.startsWith("code "))
                    .map(l -> l.substring(5))
                    .toList();
        }

        String last(String prefix) {
            List<String> matching =
                    lines.stream().filter(l -> l.startsWith(prefix)).toList();
            return matching.isEmpty() ? "" : matching.get(matching.size() - 1);
        }

        int exitCode() throws InterruptedException {
            assertTrue(process.waitFor(10, TimeUnit.SECONDS), "the child exits");
            return process.exitValue();
        }

        /** On failure: a screenshot and the child's thread dump, named in the error. */
        void diagnoseOnFailure(String name, ThrowingRunnable test) throws Exception {
            try {
                test.run();
            } catch (Exception | AssertionError e) {
                String shot = desktop.screenshotQuietly(name);
                String dump = process.isAlive()
                        ? desktop.dumpThreads(process.pid(), name).toString()
                        : "(child exited)";
                e.addSuppressed(
                        new AssertionError("screenshot " + shot + "; thread dump " + dump + "; child said " + lines));
                throw e;
            }
        }

        @Override
        public void close() {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }
}
