package dev.awsmfa.prompt;

import dev.awsmfa.platform.Os;
import dev.awsmfa.platform.ProcessRunner;
import dev.awsmfa.platform.SystemProcessRunner;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Picks how to ask for a code. Per profile, as in aws-vault: a code given on the command line, else the
 * profile's {@code mfa_process}, else the prompt driver named in the settings, else the best one here.
 */
public final class PromptChooser {
    public static final List<String> DRIVERS = List.of("swing", "zenity", "kdialog", "osascript", "terminal");
    /** Best first: the native macOS dialog, our own dialog (stays open on a wrong code), Linux helpers, the terminal. */
    private static final List<String> PRIORITY = List.of("osascript", "swing", "zenity", "kdialog", "terminal");

    /**
     * How codes will be asked for, named for logs and the status line.
     *
     * @param driver "code", "mfa_process", one of {@link #DRIVERS}, or "none"
     * @param prompt empty when nothing can ask on this machine
     * @param reason why this one (or, for none, why nothing), one line
     */
    public record Choice(String driver, Optional<CodePrompt> prompt, String reason) {}

    private final Host host;
    private final ProcessRunner runner;
    private final Supplier<CodePrompt> terminal;

    public PromptChooser(Host host, ProcessRunner runner, Supplier<CodePrompt> terminal) {
        this.host = host;
        this.runner = runner;
        this.terminal = terminal;
    }

    public static PromptChooser current(Os os) {
        return new PromptChooser(
                Host.current(os),
                new SystemProcessRunner(os),
                () -> new TerminalPrompt(
                        new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset())),
                        System.err,
                        true));
    }

    /** The prompt for one profile: explicit code > mfa_process > the prompt driver. */
    public Choice forProfile(Optional<String> explicitCode, Optional<String> mfaProcess, Optional<String> driverSetting)
            throws PromptException {
        if (explicitCode.isPresent()) {
            return new Choice(
                    "code", Optional.of(new FixedCodePrompt(explicitCode.get())), "the code given on the command line");
        }
        Optional<String> process = mfaProcess.map(String::strip).filter(p -> !p.isEmpty());
        if (process.isPresent()) {
            return new Choice(
                    "mfa_process",
                    Optional.of(new ProcessPrompt(process.get(), host.os(), runner)),
                    "the profile's mfa_process");
        }
        return choose(driverSetting);
    }

    /**
     * The driver named in the settings, else the best available one.
     *
     * @throws PromptException for an unknown name, or a named driver that cannot ask on this machine
     */
    public Choice choose(Optional<String> driverSetting) throws PromptException {
        Optional<String> named =
                driverSetting.map(s -> s.strip().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty());
        if (named.isPresent()) {
            String name = named.get();
            if (!DRIVERS.contains(name)) {
                throw new PromptException("unknown prompt driver '"
                        + driverSetting.get().strip() + "'; valid ones are " + String.join(", ", DRIVERS));
            }
            Optional<String> missing = missing(name);
            if (missing.isPresent()) {
                throw new PromptException("the prompt driver " + name + " cannot ask here: " + missing.get());
            }
            return new Choice(name, Optional.of(create(name)), "chosen in the settings");
        }
        List<String> why = new ArrayList<>();
        for (String name : PRIORITY) {
            Optional<String> missing = missing(name);
            if (missing.isEmpty()) {
                return new Choice(name, Optional.of(create(name)), "the best prompt available here");
            }
            why.add(name + ": " + missing.get());
        }
        return new Choice(
                "none",
                Optional.empty(),
                "nothing can ask for an MFA code here (" + String.join("; ", why)
                        + "); set mfa_process for the profile, or run the agent in a desktop session");
    }

    /** Why the driver cannot ask on this machine, or empty when it can. */
    Optional<String> missing(String driver) {
        return switch (driver) {
            case "osascript" -> host.isMac() ? tool("osascript") : Optional.of("macOS only");
            // JDK 17's AWT on Linux speaks X11 only (XWayland included): WAYLAND_DISPLAY alone is not enough.
            case "swing" ->
                host.isFreedesktop() && !host.has("DISPLAY")
                        ? Optional.of("DISPLAY is not set")
                        : host.headless() ? Optional.of("no display (Java runs headless)") : Optional.empty();
            case "zenity", "kdialog" ->
                !host.isFreedesktop()
                        ? Optional.of("Linux and BSD only")
                        : !host.hasLinuxDisplay()
                                ? Optional.of("neither DISPLAY nor WAYLAND_DISPLAY is set")
                                : tool(driver);
            case "terminal" -> host.console() ? Optional.empty() : Optional.of("no console attached");
            default -> throw new IllegalArgumentException(driver);
        };
    }

    private Optional<String> tool(String program) {
        return host.onPath().test(program) ? Optional.empty() : Optional.of(program + " is not on PATH");
    }

    private CodePrompt create(String driver) {
        return switch (driver) {
            case "osascript" -> new OsascriptPrompt(runner);
            case "swing" -> new SwingPrompt();
            case "zenity" -> new ZenityPrompt(runner);
            case "kdialog" -> new KdialogPrompt(runner);
            case "terminal" -> terminal.get();
            default -> throw new IllegalArgumentException(driver);
        };
    }
}
