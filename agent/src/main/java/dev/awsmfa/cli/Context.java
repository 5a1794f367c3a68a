package dev.awsmfa.cli;

import dev.awsmfa.agent.AppDirs;
import dev.awsmfa.autostart.AutoStart;
import dev.awsmfa.autostart.AutoStarts;
import dev.awsmfa.autostart.LaunchCommand;
import dev.awsmfa.autostart.Platform;
import dev.awsmfa.autostart.ProcessRunner;
import dev.awsmfa.autostart.SystemProcessRunner;
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

/** Everything the commands take from the outside world, injected so tests can supply their own. */
public record Context(Map<String, String> env, Path home, Clock clock, BufferedReader in, PrintStream out,
                      PrintStream err, boolean interactive, StsSessions.Timeouts timeouts, String osName,
                      Optional<LaunchCommand> launch) {

    /** Without the environment: it may hold AWS_SECRET_ACCESS_KEY or AWS_SESSION_TOKEN. */
    @Override
    public String toString() {
        return "Context[home=" + home + ", os=" + osName + "]";
    }

    public static Context system() {
        return new Context(System.getenv(), home(System.getenv()), Clock.systemDefaultZone(),
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
                System.out, System.err, System.console() != null, StsSessions.Timeouts.DEFAULT,
                System.getProperty("os.name", ""), LaunchCommand.current(Main.class));
    }

    /** The home folder as the AWS CLI sees it: $HOME, else %USERPROFILE%, else the account's home. */
    static Path home(Map<String, String> env) {
        for (String name : new String[] {"HOME", "USERPROFILE"}) {
            String v = env.get(name);
            if (v != null && !v.isBlank()) {
                return Path.of(v);
            }
        }
        return Path.of(System.getProperty("user.home"));
    }

    public AppDirs dirs() {
        return AppDirs.of(osName, env, home);
    }

    /** Start at login for this OS, or empty where unsupported (or when we cannot tell how to start the agent). */
    public Optional<AutoStart> autoStart() {
        ProcessRunner runner = new SystemProcessRunner();
        return launch.flatMap(l -> AutoStarts.find(new Platform(osName, home, env, () -> uid(runner), runner, l)));
    }

    private static String uid(ProcessRunner runner) {
        try {
            return runner.run(java.util.List.of("id", "-u")).stdout().strip();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public AwsFiles files() {
        return AwsFiles.locate(env, home);
    }
}
