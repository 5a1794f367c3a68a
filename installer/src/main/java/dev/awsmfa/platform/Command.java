package dev.awsmfa.platform;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A program to run: its argv, how long it may take, what it reads on stdin, and variables added to the
 * inherited environment. A secret (an MFA code, a key) goes on stdin, never into argv, where any user of the
 * machine can read it ({@code ps}, /proc); toString shows neither stdin nor the environment.
 */
public record Command(List<String> argv, Duration timeout, Optional<String> stdin, Map<String, String> env) {

    /** Enough for reg.exe, launchctl, gdbus and osascript; prompts that wait for a person set their own. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public Command {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("no program to run");
        }
        argv = List.copyOf(argv);
        env = Map.copyOf(env);
    }

    public static Command of(List<String> argv) {
        return new Command(argv, DEFAULT_TIMEOUT, Optional.empty(), Map.of());
    }

    public static Command of(String... argv) {
        return of(List.of(argv));
    }

    public Command timeout(Duration limit) {
        return new Command(argv, limit, stdin, env);
    }

    /** Text for the program's stdin, then end-of-file: the only way to hand a program a secret. */
    public Command stdin(String input) {
        return new Command(argv, timeout, Optional.of(input), env);
    }

    public Command env(Map<String, String> added) {
        return new Command(argv, timeout, stdin, added);
    }

    /** The program's name, for messages. */
    public String program() {
        return argv.get(0);
    }

    @Override
    public String toString() {
        return "Command[" + argv + ", " + timeout.toSeconds() + " s" + (stdin.isPresent() ? ", stdin hidden" : "")
                + (env.isEmpty() ? "" : ", env " + env.keySet()) + "]";
    }
}
