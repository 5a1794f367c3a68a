package dev.awsmfa.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Starts this project's code in a separate JVM, with the test class path and a clean environment. */
final class ChildJvm {
    private ChildJvm() {}

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** java [fast-start options] -Duser.home=HOME -cp <test class path> MAIN ARGS. */
    static List<String> command(Path home, String mainClass, String... args) {
        List<String> cmd = new ArrayList<>(List.of(
                java(),
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-XX:-UsePerfData",
                "-Xshare:auto",
                "-Duser.home=" + home,
                "-Djava.io.tmpdir=" + home.resolve("tmp"),
                "-cp",
                System.getProperty("java.class.path"),
                mainClass));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** A process builder whose environment holds only PATH, LANG and HOME, plus {@code env}. */
    static ProcessBuilder builder(List<String> command, Path home, Map<String, String> env) {
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> e = pb.environment();
        e.clear();
        e.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        e.put("LANG", "C.UTF-8");
        e.put("HOME", home.toString());
        e.putAll(env);
        return pb;
    }

    record Result(int exit, String out, String err, Duration took) {}

    /** Runs to the end (killing it after {@code timeout}), feeding {@code stdin} and capturing both streams. */
    static Result run(ProcessBuilder pb, String stdin, Duration timeout) {
        try {
            long start = System.nanoTime();
            Process p = pb.start();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread o = pump(p.getInputStream(), out);
            Thread e = pump(p.getErrorStream(), err);
            try (OutputStream in = p.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            } catch (IOException ignored) {
                // the child may exit before reading its input
            }
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor();
            }
            o.join(5000);
            e.join(5000);
            return new Result(
                    p.exitValue(),
                    out.toString(StandardCharsets.UTF_8),
                    err.toString(StandardCharsets.UTF_8),
                    Duration.ofNanos(System.nanoTime() - start));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Thread pump(InputStream in, OutputStream out) {
        Thread t = new Thread(
                () -> {
                    try (in) {
                        in.transferTo(out);
                    } catch (IOException ignored) {
                        // the process was killed
                    }
                },
                "child-output");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
