package dev.awsmfa.bench;

import dev.awsmfa.profile.AwsFiles;
import dev.awsmfa.profile.ProfileCatalog;
import dev.awsmfa.schedule.Planner;
import dev.awsmfa.schedule.Step;
import dev.awsmfa.status.ProfileStatus;
import dev.awsmfa.status.StatusReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
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
 * "Plan for 1,000 profiles from the files": what the agent does on every change of the files, warm, in-process:
 * read and resolve both files ({@link ProfileCatalog#load}), every profile's state ({@link StatusReader#read}),
 * then the schedule ({@link Planner#plan}). {@code load} is the first part alone.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PlanBench {

    static final int PROFILES = 1000;

    private Path dir;
    private AwsFiles files;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("aws-mfa-bench-plan");
        Fixtures.write(dir, PROFILES, Instant.now().plus(6, ChronoUnit.HOURS));
        files = new AwsFiles(dir.resolve("config"), dir.resolve("credentials"));
        int managed = ProfileCatalog.load(files, Map.of()).managedNames().size();
        if (managed != PROFILES) {
            throw new IllegalStateException("expected " + PROFILES + " managed profiles, found " + managed);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Fixtures.deleteTree(dir);
    }

    @Benchmark
    public List<Step> plan() throws Exception {
        Instant now = Instant.now();
        ProfileCatalog catalog = ProfileCatalog.load(files, Map.of());
        List<ProfileStatus> statuses = StatusReader.read(catalog, now, Duration.ofMinutes(10));
        return Planner.plan(statuses, now, List.of());
    }

    @Benchmark
    public ProfileCatalog load() throws Exception {
        return ProfileCatalog.load(files, Map.of());
    }
}
