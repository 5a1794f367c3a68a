package dev.awsmfa.bench;

import dev.awsmfa.credentials.CredentialsEditor;
import dev.awsmfa.credentials.CredentialsFile;
import dev.awsmfa.credentials.SessionCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * "Renew one profile inside a 1,000-profile credentials file": the file part of a renewal, warm, in-process.
 * {@code write} is what a renewal does after STS answers: lock, re-read, line edit of one section, 0600 temp
 * file, fsync, atomic rename, folder fsync ({@link CredentialsFile#write}). {@code edit} is the in-memory line
 * edit alone ({@link CredentialsEditor#apply}). Each call writes the other of two sessions, so the file changes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class RenewWriteBench {

    static final int PROFILES = 1000;
    static final String TARGET = Fixtures.name("dev", PROFILES / 2);

    private Path dir;
    private CredentialsFile file;
    private byte[] bytes;
    private final SessionCredentials[] sessions = new SessionCredentials[2];
    private int turn;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("aws-mfa-bench-renew");
        Fixtures.write(dir, PROFILES, Instant.now().plus(6, ChronoUnit.HOURS));
        file = new CredentialsFile(dir.resolve("credentials"));
        bytes = Files.readAllBytes(dir.resolve("credentials"));
        Instant until = Instant.now().plus(12, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        for (int i = 0; i < 2; i++) {
            sessions[i] = new SessionCredentials("ASIABENCH00000000" + i, "benchSecret" + i + "x".repeat(29),
                    ("benchToken" + i).repeat(40), until.plusSeconds(i));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Fixtures.deleteTree(dir);
    }

    @Benchmark
    public CredentialsFile.WriteResult write() throws Exception {
        return file.write(TARGET, sessions[turn++ & 1]);
    }

    @Benchmark
    public byte[] edit() throws Exception {
        return CredentialsEditor.apply(bytes, TARGET, sessions[turn++ & 1]);
    }
}
