package dev.awsmfa.launch;

import dev.awsmfa.platform.AppDirs;
import dev.awsmfa.platform.Command;
import dev.awsmfa.platform.ProcessResult;
import dev.awsmfa.platform.ProcessRunner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Class data sharing (AppCDS) archives of the agent's classes: the tray agent and the commands then map their
 * classes instead of parsing them from the jar (less memory and a faster start, measured in
 * docs/BENCHMARKS.md). The .deb's postinst and {@code install} make theirs at install time; a jar started with
 * plain {@code java -jar} has no install step, so its first tuned agent makes one for that jar in the background
 * and later starts use it.
 *
 * <p>JDK 17 ties an archive to the jar's path, size and modification time, so the jar's archive is named by a
 * hash of the three: a moved or replaced jar gets a new one (the old is removed when it is made), and a JVM
 * given an archive that does not match ignores it and loads from the jar as usual ({@code -Xshare:auto}).
 */
public final class ClassArchive {

    /** Set on the tuned child of a plain {@code java -jar} whose jar has no archive yet: make it. */
    public static final String MAKE_PROPERTY = "aws-mfa-agent.make-archive";

    /** Makes an archive of {@code classList} for {@code jar}. */
    @FunctionalInterface
    public interface Maker {
        void dump(Path java, Path jar, Path classList, Path archive) throws IOException;
    }

    private final Path dir;

    /** Archives for plainly started jars, in the cache folder of {@code dirs}. */
    public ClassArchive(AppDirs dirs) {
        this.dir = dirs.cache().resolve("cds");
    }

    /** The tray agent's archive for {@code jar}, made or not. */
    Path of(Path jar) throws IOException {
        Path real = jar.toRealPath();
        String stamp = real + "\n" + Files.size(real) + "\n"
                + Files.getLastModifiedTime(real).toMillis();
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(stamp.getBytes(StandardCharsets.UTF_8));
            return dir.resolve("run-" + HexFormat.of().formatHex(hash, 0, 8) + ".jsa");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The archive for {@code jar} when it has been made; empty before, or when the jar cannot be read. */
    public Optional<Path> ready(Path jar) {
        try {
            Path archive = of(jar);
            return Files.isRegularFile(archive) ? Optional.of(archive) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Makes the tray agent's archive for {@code jar} with {@code java} (a few seconds of CPU), unless it exists,
     * and removes the archives of other jars.
     */
    public void make(Maker maker, Path java, Path jar) throws IOException {
        Path archive = of(jar);
        if (Files.isRegularFile(archive)) {
            return;
        }
        AppDirs.ensurePrivate(dir);
        if (!dump(maker, java, jar, "run", archive)) {
            return;
        }
        try (DirectoryStream<Path> old = Files.newDirectoryStream(dir, "run-*.jsa")) {
            for (Path p : old) {
                if (!p.equals(archive)) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /**
     * Makes {@code archive} of the packed class list {@code name} for {@code jar}, written under a temporary name
     * and renamed, so that a start never maps a half-written archive; false when the jar packs no such list.
     */
    static boolean dump(Maker maker, Path java, Path jar, String name, Path archive) throws IOException {
        Path folder = archive.getParent();
        Path list = Files.createTempFile(folder, "." + name, ".classlist");
        Path part = folder.resolve("." + archive.getFileName() + ".part");
        try {
            if (!copyClassList(name, list)) {
                return false;
            }
            Files.deleteIfExists(part);
            maker.dump(java, jar, list, part);
            Files.move(part, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return true;
        } finally {
            Files.deleteIfExists(list);
            Files.deleteIfExists(part);
        }
    }

    /**
     * On a thread of its own, after {@code delay} (start-up is done by then): makes the archive for {@code jar}
     * with {@code java}, and tells {@code report} what came of it in one line.
     */
    public void makeLater(Maker maker, Path java, Path jar, Duration delay, Consumer<String> report) {
        Thread t = new Thread(
                () -> {
                    try {
                        Thread.sleep(delay.toMillis());
                        make(maker, java, jar);
                        report.accept("made the class data sharing archive for " + jar + " (the next start maps it): "
                                + of(jar));
                    } catch (IOException e) {
                        report.accept("no class data sharing archive for " + jar + " (" + e.getMessage()
                                + "); the agent only starts a little slower");
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "class-archive");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    /** Copies the packed class list {@code name} ("run", "cli", "status") to {@code target}; false when there is none. */
    private static boolean copyClassList(String name, Path target) throws IOException {
        try (InputStream in = ClassArchive.class.getResourceAsStream("linux/cds/" + name + ".classlist")) {
            if (in == null) {
                return false;
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return true;
        }
    }

    /** The real maker: {@code java -Xshare:dump}, as linux/dump-cds.sh runs it. */
    public static Maker dumper(ProcessRunner runner) {
        return (java, jar, classList, archive) -> {
            // -Xshare:dump loads the listed classes from the jar, writes the archive, exits.
            ProcessResult result = runner.run(Command.of(
                            java.toString(),
                            "-Xshare:dump",
                            "-XX:SharedClassListFile=" + classList,
                            "-XX:SharedArchiveFile=" + archive,
                            "-Xmx128m",
                            "-XX:+UseSerialGC",
                            "-cp",
                            jar.toString())
                    .timeout(Duration.ofMinutes(5)));
            if (!result.succeeded() || !Files.exists(archive)) {
                throw new IOException("java -Xshare:dump did not make " + archive.getFileName());
            }
        };
    }
}
