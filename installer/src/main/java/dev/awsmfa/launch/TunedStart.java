package dev.awsmfa.launch;

import dev.awsmfa.autostart.LaunchCommand;
import dev.awsmfa.platform.AppDirs;
import dev.awsmfa.platform.Command;
import dev.awsmfa.platform.Os;
import dev.awsmfa.platform.SystemProcessRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A plainly started jar ({@code java -jar}, a double click, an old start-at-login entry) runs the tray agent in
 * a child JVM with the agent's options ({@link JvmOptions}); the CLI commands are short and stay in this JVM.
 *
 * <p>This JVM exits as soon as the child runs, rather than waiting for it: a waiting JVM would stay resident all
 * day (about 30 MiB, half the agent's budget) to do nothing. The child keeps this one's stdout and stderr (its
 * first messages, such as "already running" or "no display", still reach a terminal) but not its stdin, which
 * a process left behind in a terminal must not read. Single-instance is the child's own file lock, as for any
 * start, so a second start still finds the first agent.
 *
 * <p>The child maps the jar's class data sharing archive ({@link ClassArchive}) once one exists; until then it is
 * told to make one, so the next start has it.
 */
public final class TunedStart {

    private TunedStart() {}

    /**
     * The child's command line, or empty to go on in this JVM: a CLI command, a JVM that already has the options
     * ({@code tunedProperty} set), or no jar to start (a class folder, e.g. an IDE).
     *
     * @param archiveOptions the class data sharing archive to map, or the request to make one
     * @param userJvmOptions this JVM's own options from its command line (before {@code -jar}); they come after
     *                       ours so the user's choices win
     */
    public static Optional<List<String>> childCommand(
            List<String> args,
            String tunedProperty,
            String javaHome,
            Os os,
            Optional<Path> jar,
            List<String> archiveOptions,
            List<String> userJvmOptions) {
        boolean trayAgent = args.isEmpty() || args.equals(List.of("run"));
        if (!trayAgent || "true".equals(tunedProperty) || jar.isEmpty()) {
            return Optional.empty();
        }
        List<String> argv = new ArrayList<>();
        argv.add(java(javaHome, os).toString());
        argv.addAll(JvmOptions.forAnyJava(os));
        argv.addAll(archiveOptions);
        argv.addAll(userJvmOptions);
        argv.add("-jar");
        argv.add(jar.get().toAbsolutePath().toString());
        argv.addAll(args);
        return Optional.of(List.copyOf(argv));
    }

    /** The JVM launcher of {@code javaHome}: javaw on Windows, where java.exe would open a console window. */
    public static Path java(String javaHome, Os os) {
        return Path.of(javaHome, "bin", os.isWindows() ? "javaw.exe" : "java");
    }

    /** Map the jar's archive when it has been made, else ask the child to make it. */
    static List<String> archiveOptions(Path jar) {
        Map<String, String> env = System.getenv();
        ClassArchive archives = new ClassArchive(AppDirs.of(Os.current(), env, AppDirs.userHome(env)));
        return archives.ready(jar)
                .map(a -> List.of("-XX:SharedArchiveFile=" + a))
                .orElse(List.of("-D" + ClassArchive.MAKE_PROPERTY + "=true"));
    }

    /** The options before {@code -jar} on this JVM's command line; none when the OS does not tell us. */
    static List<String> userJvmOptions(Optional<String[]> commandLineArguments) {
        List<String> all = commandLineArguments.map(Arrays::asList).orElse(List.of());
        int jar = all.indexOf("-jar");
        return jar < 0 ? List.of() : List.copyOf(all.subList(0, jar));
    }

    /**
     * Starts the tray agent in a tuned child JVM when {@link #childCommand} says so; true when the child runs
     * and this JVM should exit. A child that cannot be started leaves the agent to this JVM, untuned.
     */
    public static boolean startChildIfUntuned(String[] args, Class<?> mainClass) {
        List<String> argList = Arrays.asList(args);
        if (!argList.isEmpty() && !argList.equals(List.of("run"))) {
            return false; // a CLI command: decided before anything else is looked up or loaded
        }
        Optional<Path> jar = LaunchCommand.jarOf(mainClass);
        Optional<List<String>> command = childCommand(
                argList,
                System.getProperty(JvmOptions.TUNED_PROPERTY),
                System.getProperty("java.home"),
                Os.current(),
                jar,
                jar.map(TunedStart::archiveOptions).orElse(List.of()),
                userJvmOptions(ProcessHandle.current().info().arguments()));
        if (command.isEmpty()) {
            return false;
        }
        try {
            new SystemProcessRunner(Os.current()).handOver(Command.of(command.get()));
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
