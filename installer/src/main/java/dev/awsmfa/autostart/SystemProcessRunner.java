package dev.awsmfa.autostart;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs real programs, with a bounded wait: a hung launchctl or reg.exe must not freeze the tray. */
public final class SystemProcessRunner implements ProcessRunner {

    private final Duration timeout;
    private final boolean windows;

    public SystemProcessRunner() {
        this(Duration.ofSeconds(10), System.getProperty("os.name", ""));
    }

    SystemProcessRunner(Duration timeout, String osName) {
        this.timeout = timeout;
        this.windows = osName.startsWith("Windows");
    }

    @Override
    public ProcessResult run(List<String> argv) throws IOException {
        // Output goes to files, not pipes: nothing to drain concurrently, no deadlock on a full pipe.
        Path out = Files.createTempFile("aws-mfa-agent-", ".out");
        Path err = Files.createTempFile("aws-mfa-agent-", ".err");
        try {
            Process process = new ProcessBuilder(windows ? quotedForWindows(argv) : argv)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            process.getOutputStream().close();   // no input: a program asking for some gets EOF, not a hang
            if (!waitFor(process)) {
                process.destroyForcibly();
                throw new IOException(argv.get(0) + " did not finish within " + timeout.toSeconds() + " s");
            }
            return new ProcessResult(process.exitValue(), read(out), read(err));
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
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

    private boolean waitFor(Process process) throws IOException {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while waiting for " + process.info().command().orElse("a process"));
        }
    }

    // On Windows a process just killed may still hold the file; its failure to go must not hide the real error.
    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            file.toFile().deleteOnExit();
        }
    }

    private static String read(Path file) throws IOException {
        // Lenient decoding: a stray byte in a tool's localised message must not turn into an exception.
        return new String(Files.readAllBytes(file), Charset.defaultCharset());
    }
}
