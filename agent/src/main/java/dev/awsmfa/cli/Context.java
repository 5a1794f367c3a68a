package dev.awsmfa.cli;

import dev.awsmfa.autostart.AutoStart;
import dev.awsmfa.autostart.AutoStarts;
import dev.awsmfa.autostart.LaunchCommand;
import dev.awsmfa.autostart.Platform;
import dev.awsmfa.platform.AppDirs;
import dev.awsmfa.platform.Os;
import dev.awsmfa.platform.ProcessRunner;
import dev.awsmfa.platform.SystemProcessRunner;
import dev.awsmfa.profile.AwsFiles;
import dev.awsmfa.sts.StsSessions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Everything the commands take from the outside world, injected so tests can supply their own.
 *
 * <p>{@code launcher} is asked only by the commands that need it (autostart, the tray agent): finding it reads
 * the JVM options packed in the jar, a cost {@code status} and {@code renew} would pay at every start.
 */
public record Context(
        Map<String, String> env,
        Path home,
        Clock clock,
        BufferedReader in,
        PrintStream out,
        PrintStream err,
        boolean interactive,
        StsSessions.Timeouts timeouts,
        Os os,
        Supplier<Optional<LaunchCommand>> launcher) {

    /** Without the environment: it may hold AWS_SECRET_ACCESS_KEY or AWS_SESSION_TOKEN. */
    @Override
    public String toString() {
        return "Context[home=" + home + ", os=" + os + "]";
    }

    public static Context system() {
        return new Context(
                System.getenv(),
                AppDirs.userHome(System.getenv()),
                new SystemZoneClock(),
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
                System.out,
                System.err,
                System.console() != null,
                StsSessions.Timeouts.DEFAULT,
                Os.current(),
                () -> LaunchCommand.current(Main.class));
    }

    /** How the OS would start the agent (see {@link LaunchCommand#detect}); empty when we cannot tell. */
    public Optional<LaunchCommand> launch() {
        return launcher.get();
    }

    public AppDirs dirs() {
        return AppDirs.of(os, env, home);
    }

    /** Start at login for this OS, or empty where unsupported (or when we cannot tell how to start the agent). */
    public Optional<AutoStart> autoStart() {
        ProcessRunner runner = runner();
        return launch().flatMap(
                        l -> AutoStarts.find(new Platform(os, home, env, () -> Platform.userId(runner), runner, l)));
    }

    /** Runs the helper programs of this OS: start-at-login tools, prompts, notifications, the file opener. */
    public ProcessRunner runner() {
        return new SystemProcessRunner(os);
    }

    public AwsFiles files() {
        return AwsFiles.locate(env, home);
    }
}
