package dev.awsmfa.launch;

import dev.awsmfa.platform.Os;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The tray agent's JVM options, read from the jpackage argument files the packages are built with
 * ({@code installer/src/package/app.args}, plus {@code linux/app-image.args} on Linux), so that the package,
 * {@code java -jar}, start at login and {@code install} all run the same tuned JVM.
 */
public final class JvmOptions {

    /** Set by the options themselves: a JVM that has it was started with them. */
    public static final String TUNED_PROPERTY = "aws-mfa-agent.tuned";

    /**
     * Put first where the JVM is the user's own {@code java} rather than the bundled runtime: an option that JVM
     * does not know (the glibc heap trim before 17.0.9, a diagnostic flag elsewhere) is skipped, not fatal.
     */
    public static final String LENIENT = "-XX:+IgnoreUnrecognizedVMOptions";

    private static final String PREFIX = "--java-options ";

    private JvmOptions() {}

    /** The packaged options for this OS, in file order. */
    public static List<String> packaged(Os os) {
        List<String> options = new ArrayList<>(read("app.args"));
        if (os == Os.LINUX) {
            options.addAll(read("linux/app-image.args"));
        }
        return List.copyOf(options);
    }

    /** {@link #packaged} behind {@link #LENIENT}: for any {@code java} 17 or later. */
    public static List<String> forAnyJava(Os os) {
        List<String> options = new ArrayList<>();
        options.add(LENIENT);
        options.addAll(packaged(os));
        return List.copyOf(options);
    }

    static List<String> read(String resource) {
        try (InputStream in = JvmOptions.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource + " (a broken build)");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The values of the {@code --java-options} lines; jpackage's quoting is not used in our files. */
    static List<String> parse(String argsFile) {
        List<String> options = new ArrayList<>();
        for (String line : argsFile.split("\n")) {
            String l = line.strip();
            if (l.startsWith(PREFIX)) {
                options.add(l.substring(PREFIX.length()).strip());
            }
        }
        return options;
    }
}
