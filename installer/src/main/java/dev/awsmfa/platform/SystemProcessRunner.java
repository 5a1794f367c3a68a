package dev.awsmfa.platform;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs real programs. Output is read through pipes, never temp files (a helper's stdout may be an MFA code,
 * which must not touch the disk), each pipe on its own thread so a chatty program never blocks, and kept up to
 * {@link #OUTPUT_LIMIT} per stream. A program that overruns its timeout is killed with its children: a hung
 * launchctl or reg.exe must not freeze the tray.
 */
public final class SystemProcessRunner implements ProcessRunner {

    /** Per stream: far above what any tool we run prints, far below what could fill the heap. */
    public static final int OUTPUT_LIMIT = 1 << 20;
    /** How long to wait for the pipes to close after the program exited (a grandchild may keep them open). */
    private static final Duration DRAIN = Duration.ofSeconds(2);

    private final Os os;
    private final Map<String, String> env;

    public SystemProcessRunner(Os os) {
        this(os, Map.of());
    }

    /** @param env added to every program's inherited environment (the CLI's PATH, a test's private display) */
    public SystemProcessRunner(Os os, Map<String, String> env) {
        this.os = os;
        this.env = Map.copyOf(env);
    }

    @Override
    public ProcessResult run(Command command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(argv(command));
        builder.environment().putAll(env);
        builder.environment().putAll(command.env());
        Process process = builder.start();
        Drain out = Drain.start(process.getInputStream(), command.program() + " stdout");
        Drain err = Drain.start(process.getErrorStream(), command.program() + " stderr");
        feed(process, command);
        try {
            if (!process.waitFor(command.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                destroyTree(process);
                throw new TimedOut(command.program(), command.timeout());
            }
            return new ProcessResult(process.exitValue(), out.text(), err.text(), out.truncated || err.truncated);
        } catch (InterruptedException e) {
            destroyTree(process);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for " + command.program());
        }
    }

    @Override
    public void launch(Command command) throws IOException {
        Process process = new ProcessBuilder(argv(command))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        process.getOutputStream().close();
    }

    /**
     * Starts a program that takes over from this JVM, which is about to exit (the tuned tray agent started by a
     * plain {@code java -jar}, dev.awsmfa.launch.TunedStart): it writes to this one's stdout and stderr, so its
     * first messages still reach a terminal, and reads nothing (stdin is the null device).
     */
    public void handOver(Command command) throws IOException {
        new ProcessBuilder(argv(command))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File(os.isWindows() ? "NUL" : "/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }

    /** stdin gets the command's input, then end-of-file: a program asking for more gets EOF, not a hang. */
    private static void feed(Process process, Command command) throws IOException {
        try (OutputStream in = process.getOutputStream()) {
            if (command.stdin().isPresent()) {
                in.write(command.stdin().get().getBytes(Charset.defaultCharset()));
            }
        } catch (IOException e) {
            // The program exited without reading its input: its exit code tells the rest.
        }
    }

    private List<String> argv(Command command) {
        return os.isWindows() ? quotedForWindows(command.argv()) : command.argv();
    }

    /**
     * On Windows the JDK joins argv into one command line without escaping inner quotes (so reg.exe would
     * receive a mangled /d value), but passes an argument already wrapped in quotes through unchanged.
     * So we quote each argument ourselves, with the rules the child's command-line parser undoes.
     */
    static List<String> quotedForWindows(List<String> argv) {
        List<String> quoted = new ArrayList<>();
        quoted.add(argv.get(0));
        argv.subList(1, argv.size()).forEach(arg -> quoted.add(WindowsCommandLine.quote(arg)));
        return quoted;
    }

    // sh -c 'sleep 99' leaves the sleep holding our pipe when only sh is killed.
    private static void destroyTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** Reads one stream to its end on its own thread, keeping at most {@link #OUTPUT_LIMIT} bytes of it. */
    private static final class Drain {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final Thread thread;
        private volatile boolean truncated;

        private Drain(InputStream in, String name) {
            thread = new Thread(() -> copy(in), "process " + name);
            thread.setDaemon(true);
        }

        static Drain start(InputStream in, String name) {
            Drain drain = new Drain(in, name);
            drain.thread.start();
            return drain;
        }

        private void copy(InputStream in) {
            byte[] buffer = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    int room = OUTPUT_LIMIT - bytes.size();
                    bytes.write(buffer, 0, Math.max(0, Math.min(room, n)));
                    truncated |= n > room; // keep reading: a program blocked on a full pipe would never exit
                }
            } catch (IOException e) {
                // the process was killed: what was read so far is all there is
            }
        }

        String text() throws InterruptedException {
            thread.join(DRAIN.toMillis());
            // Lenient decoding: a stray byte in a tool's localised message must not become an exception.
            return bytes.toString(Charset.defaultCharset());
        }
    }
}
