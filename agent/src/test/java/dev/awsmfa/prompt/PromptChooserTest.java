package dev.awsmfa.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awsmfa.platform.Os;
import java.io.BufferedReader;
import java.io.PrintStream;
import java.io.StringReader;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PromptChooserTest {

    static final String LINUX = "Linux";
    static final String MAC = "Mac OS X";
    static final String WINDOWS = "Windows 11";
    static final Map<String, String> X11 = Map.of("DISPLAY", ":0");
    static final Map<String, String> WAYLAND = Map.of("WAYLAND_DISPLAY", "wayland-0");
    static final Map<String, String> NO_DISPLAY = Map.of();

    /** A machine: OS, environment, programs on PATH, whether AWT is headless, whether a console is attached. */
    static PromptChooser chooser(
            String os, Map<String, String> env, List<String> tools, boolean headless, boolean console) {
        Host host = new Host(Os.of(os), env, tools::contains, headless, console);
        return new PromptChooser(
                host,
                new FakeHelperRunner(),
                () -> new TerminalPrompt(
                        new BufferedReader(new StringReader("")),
                        new PrintStream(PrintStream.nullOutputStream()),
                        true));
    }

    static String auto(PromptChooser chooser) throws PromptException {
        return chooser.choose(Optional.empty()).driver();
    }

    static List<String> tools(String... names) {
        return Arrays.asList(names);
    }

    @Nested
    @DisplayName("without a setting, the best available")
    class Automatic {
        @Test
        @DisplayName("macOS: the native osascript dialog")
        void macOsascript() throws Exception {
            PromptChooser.Choice c =
                    chooser(MAC, NO_DISPLAY, tools("osascript"), false, true).choose(Optional.empty());
            assertEquals("osascript", c.driver());
            assertInstanceOf(OsascriptPrompt.class, c.prompt().orElseThrow());
        }

        @Test
        @DisplayName("macOS without osascript on PATH: the Swing dialog")
        void macSwing() throws Exception {
            assertEquals("swing", auto(chooser(MAC, NO_DISPLAY, tools(), false, false)));
        }

        @Test
        @DisplayName("Windows: the Swing dialog")
        void windowsSwing() throws Exception {
            PromptChooser.Choice c =
                    chooser(WINDOWS, NO_DISPLAY, tools(), false, false).choose(Optional.empty());
            assertEquals("swing", c.driver());
            assertInstanceOf(SwingPrompt.class, c.prompt().orElseThrow());
        }

        @Test
        @DisplayName("Windows without a desktop (a service): the terminal when one is attached")
        void windowsHeadlessTerminal() throws Exception {
            PromptChooser.Choice c =
                    chooser(WINDOWS, NO_DISPLAY, tools(), true, true).choose(Optional.empty());
            assertEquals("terminal", c.driver());
            assertInstanceOf(TerminalPrompt.class, c.prompt().orElseThrow());
        }

        @Test
        @DisplayName("Linux with X11: the Swing dialog, ahead of zenity and kdialog")
        void linuxX11() throws Exception {
            assertEquals("swing", auto(chooser(LINUX, X11, tools("zenity", "kdialog"), false, true)));
        }

        @Test
        @DisplayName("Linux with Wayland only (no XWayland, so AWT is headless): zenity")
        void linuxWaylandZenity() throws Exception {
            PromptChooser.Choice c = chooser(LINUX, WAYLAND, tools("zenity", "kdialog"), true, true)
                    .choose(Optional.empty());
            assertEquals("zenity", c.driver());
            assertInstanceOf(ZenityPrompt.class, c.prompt().orElseThrow());
        }

        @Test
        @DisplayName("Linux with a display but Java forced headless: zenity, then kdialog")
        void linuxHeadlessJava() throws Exception {
            assertEquals("zenity", auto(chooser(LINUX, X11, tools("zenity", "kdialog"), true, false)));
            assertEquals("kdialog", auto(chooser(LINUX, X11, tools("kdialog"), true, false)));
        }

        @Test
        @DisplayName("Linux over SSH (no display): the terminal, even with zenity installed")
        void linuxSsh() throws Exception {
            assertEquals("terminal", auto(chooser(LINUX, NO_DISPLAY, tools("zenity"), true, true)));
        }

        @Test
        @DisplayName("nothing at all: no prompt, and a reason naming what is missing")
        void none() throws Exception {
            PromptChooser.Choice c =
                    chooser(LINUX, NO_DISPLAY, tools(), true, false).choose(Optional.empty());
            assertEquals("none", c.driver());
            assertTrue(c.prompt().isEmpty());
            assertEquals(
                    "nothing can ask for an MFA code here (osascript: macOS only; swing: DISPLAY is not set; "
                            + "zenity: neither DISPLAY nor WAYLAND_DISPLAY is set; kdialog: neither DISPLAY nor WAYLAND_DISPLAY is set; "
                            + "terminal: no console attached); set mfa_process for the profile, or run the agent in a desktop session",
                    c.reason());
        }

        @Test
        @DisplayName("a blank setting counts as no setting")
        void blankSetting() throws Exception {
            assertEquals(
                    "swing",
                    chooser(LINUX, X11, tools(), false, false)
                            .choose(Optional.of("  "))
                            .driver());
        }
    }

    @Nested
    @DisplayName("with a driver named in the settings")
    class Named {
        final PromptChooser linuxDesktop = chooser(LINUX, X11, tools("zenity"), false, true);

        @Test
        @DisplayName("uses it, whatever its case")
        void named() throws Exception {
            PromptChooser.Choice c = linuxDesktop.choose(Optional.of(" Zenity "));
            assertEquals("zenity", c.driver());
            assertInstanceOf(ZenityPrompt.class, c.prompt().orElseThrow());
            assertEquals(
                    "terminal", linuxDesktop.choose(Optional.of("terminal")).driver());
        }

        @Test
        @DisplayName("refuses an unknown name in one line listing the valid ones")
        void unknown() {
            PromptException e =
                    assertThrows(PromptException.class, () -> linuxDesktop.choose(Optional.of("wincredui")));
            assertEquals(
                    "unknown prompt driver 'wincredui'; valid ones are swing, zenity, kdialog, osascript, terminal",
                    e.getMessage());
        }

        @Test
        @DisplayName("refuses one that cannot ask here, saying why")
        void unavailable() {
            assertEquals(
                    "the prompt driver kdialog cannot ask here: kdialog is not on PATH",
                    assertThrows(PromptException.class, () -> linuxDesktop.choose(Optional.of("kdialog")))
                            .getMessage());
            assertEquals(
                    "the prompt driver osascript cannot ask here: macOS only",
                    assertThrows(PromptException.class, () -> linuxDesktop.choose(Optional.of("osascript")))
                            .getMessage());
            assertEquals(
                    "the prompt driver zenity cannot ask here: Linux and BSD only",
                    assertThrows(
                                    PromptException.class,
                                    () -> chooser(WINDOWS, NO_DISPLAY, tools("zenity"), false, true)
                                            .choose(Optional.of("zenity")))
                            .getMessage());
            assertEquals(
                    "the prompt driver swing cannot ask here: no display (Java runs headless)",
                    assertThrows(
                                    PromptException.class,
                                    () -> chooser(MAC, NO_DISPLAY, tools(), true, true)
                                            .choose(Optional.of("swing")))
                            .getMessage());
        }
    }

    @Nested
    @DisplayName("per profile, as aws-vault: explicit code > mfa_process > prompt driver")
    class PerProfile {
        final PromptChooser chooser = chooser(LINUX, X11, tools("zenity"), false, true);

        @Test
        @DisplayName("a code given on the command line wins")
        void explicitCode() throws Exception {
            PromptChooser.Choice c = chooser.forProfile(
                    Optional.of("123456"), Optional.of("ykman oath accounts code"), Optional.of("zenity"));
            assertEquals("code", c.driver());
            assertInstanceOf(FixedCodePrompt.class, c.prompt().orElseThrow());
        }

        @Test
        @DisplayName("then the profile's mfa_process, run through the shell")
        void mfaProcess() throws Exception {
            PromptChooser.Choice c = chooser.forProfile(
                    Optional.empty(), Optional.of(" ykman oath accounts code --single aws "), Optional.of("zenity"));
            assertEquals("mfa_process", c.driver());
            ProcessPrompt p = assertInstanceOf(ProcessPrompt.class, c.prompt().orElseThrow());
            assertEquals(List.of("/bin/sh", "-c", "ykman oath accounts code --single aws"), p.argv());
        }

        @Test
        @DisplayName("then the prompt driver; a blank mfa_process is none")
        void driver() throws Exception {
            assertEquals(
                    "zenity",
                    chooser.forProfile(Optional.empty(), Optional.of(""), Optional.of("zenity"))
                            .driver());
            assertEquals(
                    "swing",
                    chooser.forProfile(Optional.empty(), Optional.empty(), Optional.empty())
                            .driver());
        }
    }

    @Nested
    @DisplayName("the machine facts")
    class Facts {
        @Test
        @DisplayName("a blank DISPLAY is no display")
        void blankDisplay() throws Exception {
            Map<String, String> env = new HashMap<>();
            env.put("DISPLAY", " ");
            assertEquals("terminal", auto(chooser(LINUX, env, tools("zenity"), false, true)));
        }
    }
}
