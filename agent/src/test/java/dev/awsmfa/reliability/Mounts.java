package dev.awsmfa.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Mounts made by one test, undone (innermost first) by {@link #close()}, which tests call from @AfterEach. */
final class Mounts implements AutoCloseable {
    private final Deque<Path> mounted = new ArrayDeque<>();

    /** A tmpfs of {@code size} (like "64k") on {@code dir}: a small disk that the test can fill. */
    void tmpfs(Path dir, String size) {
        Root.require("a full disk (a tiny tmpfs)");
        mount("a tmpfs", "mount", "-t", "tmpfs", "-o", "size=" + size + ",mode=0700", "tmpfs", dir.toString());
        mounted.push(dir);
    }

    /** {@code dir} bind-mounted onto itself read-only: writes fail with EROFS even for root. */
    void readOnly(Path dir) {
        Root.require("a read-only folder (a read-only bind mount)");
        mount("a bind mount", "mount", "--bind", dir.toString(), dir.toString());
        mounted.push(dir);
        mount("a read-only remount", "mount", "-o", "remount,bind,ro", dir.toString());
    }

    private static void mount(String what, String... argv) {
        String problem = exec(argv);
        if (problem != null) {
            Root.skipOrFail("cannot make " + what + " (" + String.join(" ", argv) + "): " + problem);
        }
    }

    @Override
    public void close() {
        List<String> problems = new ArrayList<>();
        while (!mounted.isEmpty()) {
            Path dir = mounted.pop();
            if (exec("umount", dir.toString()) != null) {
                String lazy = exec("umount", "-l", dir.toString());
                if (lazy != null) {
                    problems.add(dir + ": " + lazy);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("could not unmount " + problems);
        }
    }

    /** Runs a command; null when it succeeded, else what it said. */
    static String exec(String... argv) {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "timed out";
            }
            return p.exitValue() == 0 ? null : "exit " + p.exitValue() + ": " + out;
        } catch (IOException e) {
            return e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
