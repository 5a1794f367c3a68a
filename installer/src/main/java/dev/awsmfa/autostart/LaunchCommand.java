package dev.awsmfa.autostart;

import dev.awsmfa.launch.JvmOptions;
import dev.awsmfa.platform.Os;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** How the OS starts the agent at login: the program and its arguments, never a shell string. */
public record LaunchCommand(List<String> argv) {

    /**
     * The agent mostly sleeps in the tray: a small heap, a cheap GC and JIT, no update check by the tray library.
     * The package's options for this OS, read from its jpackage argument files (one definition).
     */
    public static final List<String> DEFAULT_JVM_OPTIONS = JvmOptions.packaged(Os.current());

    public LaunchCommand {
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("A launch command needs at least the program");
        }
    }

    /**
     * The jpackage launcher when the agent runs from one (it carries its own JVM options), else
     * {@code java <jvmOptions> -jar <jar>}; empty when neither is known, e.g. when run from an IDE's class folder.
     */
    public static Optional<LaunchCommand> detect(
            Map<String, String> sysProps, String javaHome, Optional<Path> runningJar, List<String> jvmOptions) {
        String launcher = sysProps.getOrDefault("jpackage.app-path", "");
        if (!launcher.isBlank()) {
            return Optional.of(new LaunchCommand(List.of(launcher)));
        }
        return runningJar.map(jar -> {
            List<String> argv = new ArrayList<>();
            argv.add(Path.of(javaHome, "bin", "java").toString());
            argv.addAll(jvmOptions);
            argv.add("-jar");
            argv.add(jar.toAbsolutePath().toString());
            return new LaunchCommand(argv);
        });
    }

    /** {@link #detect} for this JVM, with the jar that holds {@code mainClass} and the default JVM options. */
    public static Optional<LaunchCommand> current(Class<?> mainClass) {
        // Only the property detect() reads: copying all of them through a stream cost every CLI command
        // ~10-20 ms of start-up (the first lambdas of the JVM are linked here).
        String launcher = System.getProperty("jpackage.app-path");
        Map<String, String> props = launcher == null ? Map.of() : Map.of("jpackage.app-path", launcher);
        return detect(props, System.getProperty("java.home"), jarOf(mainClass), JvmOptions.forAnyJava(Os.current()));
    }

    /** The jar file {@code type} was loaded from; empty for a class folder or the JDK's own classes. */
    public static Optional<Path> jarOf(Class<?> type) {
        var source = type.getProtectionDomain().getCodeSource();
        if (source == null) {
            return Optional.empty();
        }
        try {
            Path location = Path.of(source.getLocation().toURI());
            return Files.isRegularFile(location) ? Optional.of(location) : Optional.empty();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty(); // not a file: URL (e.g. a custom class loader); no jar to point at
        }
    }
}
