package dev.awsmfa.prompt;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs real helper programs. Output is read through pipes, never temp files: a helper's stdout may be an
 * MFA code, which must not touch the disk.
 */
public final class SystemHelperRunner implements HelperRunner {

    /** How long to wait for the pipes to close after the helper exited (a grandchild may keep them open). */
    private static final Duration DRAIN = Duration.ofSeconds(2);

    private final Map<String, String> extraEnv;

    public SystemHelperRunner() {
        this(Map.of());
    }

    /** @param extraEnv added to the inherited environment (tests point helpers at a private display and bus) */
    public SystemHelperRunner(Map<String, String> extraEnv) {
        this.extraEnv = Map.copyOf(extraEnv);
    }

    @Override
    public HelperResult run(List<String> argv, Duration timeout) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(argv);
        builder.environment().putAll(extraEnv);
        Process process = builder.start();
        process.getOutputStream().close();   // no input: a helper asking for some gets EOF, not a hang
        Drain out = Drain.start(process.getInputStream(), argv.get(0) + " stdout");
        Drain err = Drain.start(process.getErrorStream(), argv.get(0) + " stderr");
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                destroyTree(process);
                throw new TimedOut(argv.get(0), timeout);
            }
            return new HelperResult(process.exitValue(), out.text(), err.text());
        } catch (InterruptedException e) {
            destroyTree(process);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for " + argv.get(0));
        }
    }

    // sh -c 'sleep 99' leaves the sleep holding our pipe when only sh is killed.
    private static void destroyTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** Reads one stream to its end on its own thread, so a chatty helper never blocks on a full pipe. */
    private static final class Drain {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final Thread thread;

        private Drain(InputStream in, String name) {
            thread = new Thread(() -> copy(in), "helper " + name);
            thread.setDaemon(true);
        }

        static Drain start(InputStream in, String name) {
            Drain drain = new Drain(in, name);
            drain.thread.start();
            return drain;
        }

        private void copy(InputStream in) {
            try (in) {
                in.transferTo(bytes);
            } catch (IOException e) {
                // the process was killed: what was read so far is all there is
            }
        }

        String text() throws InterruptedException {
            thread.join(DRAIN.toMillis());
            return bytes.toString(Charset.defaultCharset());
        }
    }
}
