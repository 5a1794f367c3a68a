package dev.awsmfa.reliability;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.awsmfa.credentials.CredentialsEditor;
import dev.awsmfa.credentials.CredentialsFile;
import dev.awsmfa.credentials.SessionCredentials;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5, item 1: a writer process killed with SIGKILL at random moments never leaves a torn credentials file,
 * and the temp files such kills leave behind are private and removed by the next write.
 */
class CrashSafetyTest {

    static final int KILLS = 200;
    static final int WARM_WRITERS = 3;
    static final int RENEW_KILLS = 30;
    static final String SECTION = "dev";
    static final String ORIGINAL = "# hand-edited credentials: every byte outside [dev]'s session keys must survive\n"
            + "[default]\n"
            + "aws_access_key_id = AKIAIOSFODNN7EXAMPLE\n"
            + "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n"
            + "\n"
            + "; the session profile, with another tool's key inside it\n"
            + "[dev]\n"
            + "aws_access_key_id = ASIAOLDOLDOLDEXAMPLE\n"
            + "region_note: kept by another tool\n"
            + "aws_secret_access_key = old/secret+key\n"
            + "aws_session_token = old-token==\n"
            + "aws_session_expiration = 2020-01-01T00:00:00Z\n"
            + "# a comment at the end of [dev]\n"
            + "\n"
            + "[after]\n"
            + "aws_access_key_id = AKIAI44QH8DHBEXAMPLE\n"
            + "aws_secret_access_key = je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY\n"
            + "# non-ASCII stays: äöü €\n";

    @TempDir
    Path dir;

    @Test
    @DisplayName(
            "200 SIGKILLs at random moments: the file always parses and holds the complete old or the complete new set")
    void sigkilledWriterNeverLeavesATornFile() throws Exception {
        Path aws = Files.createDirectories(dir.resolve(".aws"));
        Path file = aws.resolve("credentials");
        byte[] original = ORIGINAL.getBytes(UTF_8);
        Files.write(file, original);
        Path snapshots = Files.createDirectories(dir.resolve("snapshots"));
        Path childErr = dir.resolve("writer-stderr.txt");

        long seed = System.nanoTime();
        Random random = new Random(seed);
        long inFile = 0; // the set the file holds; 0 = the original bytes
        long next = 1; // the first set the next writer writes
        int writesCompleted = 0;
        int killedBeforeFirstWrite = 0;
        int killedAfterRenameBeforeReturn = 0;
        int killsLeavingTemp = 0;
        int straysRemoved = 0;
        List<String> torn = new ArrayList<>();
        List<String> badTempModes = new ArrayList<>();
        Set<String> pendingStrays = new HashSet<>();
        Map<Path, Long> snapshotSets = new LinkedHashMap<>();

        Files.createDirectories(dir.resolve("tmp"));
        ArrayDeque<Writer> warm = new ArrayDeque<>();
        long firstWrite = Duration.ofMillis(30).toNanos(); // running estimates: "go" to the first write's return,
        long oneWrite = Duration.ofMillis(10).toNanos(); // and one write after that
        long started = System.nanoTime();
        for (int k = 0; k < KILLS; k++) {
            // Writers start (JVM, class loading) while the previous one runs: the kill lands in the write loop.
            while (warm.size() < WARM_WRITERS) {
                warm.add(Writer.start(dir, file, childErr));
            }
            Writer w = warm.poll();
            Process p = w.process;
            String ready = w.lines.poll(60, TimeUnit.SECONDS);
            if (!"R".equals(ready)) {
                p.destroyForcibly();
                fail("writer " + k + " did not start (" + ready + "): " + Files.readString(childErr));
            }
            long first = next;
            // The kill moment follows the writer's progress, not the wall clock, so a loaded machine still gets
            // kills inside every phase of a write: let it finish 0-3 writes, then wait a random part of a write.
            int finished = random.nextInt(4);
            long go = System.nanoTime();
            w.go(first);
            long previous = go;
            for (int j = 0; j < finished; j++) {
                String line = w.lines.poll(30, TimeUnit.SECONDS);
                if (line == null || !line.startsWith("W ")) {
                    fail("writer " + k + " stopped (" + line + "); torn files so far: " + torn + "; its stderr: "
                            + Files.readString(childErr));
                }
                w.seen.add(line);
                long now = System.nanoTime();
                if (j == 0) {
                    firstWrite = (firstWrite * 3 + (now - go)) / 4;
                } else {
                    oneWrite = (oneWrite * 3 + (now - previous)) / 4;
                }
                previous = now;
            }
            LockSupport.parkNanos(random.nextLong((long) ((finished == 0 ? firstWrite : oneWrite) * 1.2) + 1));
            // SIGKILL. Not Process.destroyForcibly(): that also closes our end of the child's stdout, dropping
            // "W n" lines still in the pipe, and the bookkeeping would think the file is ahead of the writer.
            p.toHandle().destroyForcibly();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            w.reader.join(10_000);
            if (p.exitValue() != 137) {
                fail("writer " + k + " was not killed but ended with " + p.exitValue() + ": "
                        + Files.readString(childErr));
            }
            List<String> lines = new ArrayList<>(w.seen);
            w.lines.drainTo(lines);

            Long lastDone = null;
            for (String line : lines) {
                if (line.startsWith("W ")) {
                    lastDone = Long.parseLong(line.substring(2));
                    writesCompleted++;
                }
            }
            // The file may hold the last write that returned, or the one in progress if its rename happened.
            long[] candidates = lastDone == null ? new long[] {inFile, first} : new long[] {lastDone, lastDone + 1};
            byte[] now = Files.readAllBytes(file);
            Long match = null;
            for (long c : candidates) {
                if (Arrays.equals(now, expected(original, c))) {
                    match = c;
                }
            }
            Path snapshot = snapshots.resolve("after-kill-" + k);
            Files.write(snapshot, now);
            if (match == null) {
                Path kept = Files.createDirectories(Path.of("target/reliability/crash-" + seed))
                        .resolve("torn-after-kill-" + k);
                Files.write(kept, now);
                for (long c : candidates) {
                    Files.write(kept.resolveSibling(kept.getFileName() + ".expected-" + c), expected(original, c));
                }
                Files.write(kept.resolveSibling(kept.getFileName() + ".writer-said"), lines);
                torn.add("kill " + k + " (candidates " + Arrays.toString(candidates) + ", kept in " + kept + ")");
            } else {
                snapshotSets.put(snapshot, match);
                if (match == candidates[1] && candidates[1] != candidates[0]) {
                    killedAfterRenameBeforeReturn++;
                }
                inFile = match;
            }
            if (lastDone == null) {
                killedBeforeFirstWrite++;
            } else {
                // A write that returned ran removeStrayTemps under the lock: the temp files of earlier kills are gone.
                for (String stray : pendingStrays) {
                    assertTrue(Files.notExists(aws.resolve(stray)), "the stray " + stray + " survived a later write");
                }
                straysRemoved += pendingStrays.size();
                pendingStrays.clear();
            }
            List<Path> temps = temps(aws);
            boolean leftOne = false;
            for (Path t : temps) {
                String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(t));
                if (!mode.equals("rw-------")) {
                    badTempModes.add(t.getFileName() + " " + mode);
                }
                leftOne |= pendingStrays.add(t.getFileName().toString());
            }
            if (leftOne) {
                killsLeavingTemp++;
            }
            next = (lastDone == null ? first : lastDone + 1) + 1;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        for (Writer w : warm) {
            w.process.destroyForcibly(); // never told to go: they touched only their own scratch folder
            w.process.waitFor(30, TimeUnit.SECONDS);
        }

        // The next start: one more write removes whatever the last kill left, and lands completely.
        new CredentialsFile(file).write(SECTION, CrashWriterMain.set(next));
        straysRemoved += pendingStrays.size();
        assertEquals(List.of(), temps(aws), "no temp file is left after the next write");
        assertArrayEquals(expected(original, next), Files.readAllBytes(file));

        // Every file seen after a kill, read by Python's configparser as the AWS CLI would.
        List<Path> parsedFiles = new ArrayList<>(snapshotSets.keySet());
        parsedFiles.add(file);
        List<PythonIni.Parsed> parsed = PythonIni.parse(parsedFiles);
        Map<String, Map<String, String>> originalPy = PythonIni.parse(
                        List.of(writeTo(dir.resolve("original"), original)))
                .get(0)
                .sections();
        int parsedOk = 0;
        List<String> oracleProblems = new ArrayList<>();
        for (int i = 0; i < parsedFiles.size(); i++) {
            long set = i < snapshotSets.size() ? snapshotSets.get(parsedFiles.get(i)) : next;
            PythonIni.Parsed py = parsed.get(i);
            if (!py.ok()) {
                oracleProblems.add(parsedFiles.get(i) + ": configparser error " + py.error());
                continue;
            }
            Map<String, Map<String, String>> want = new LinkedHashMap<>(originalPy);
            if (set != 0) {
                Map<String, String> dev = new LinkedHashMap<>(originalPy.get(SECTION));
                SessionCredentials s = CrashWriterMain.set(set);
                dev.put("aws_access_key_id", s.accessKeyId());
                dev.put("aws_secret_access_key", s.secretAccessKey());
                dev.put("aws_session_token", s.sessionToken());
                dev.put(CredentialsEditor.EXPIRATION_KEY, s.expiration().toString());
                want.put(SECTION, dev);
            }
            if (!want.equals(py.sections())) {
                oracleProblems.add(parsedFiles.get(i) + ": configparser reads "
                        + py.sections().keySet() + " not the complete set " + set);
                continue;
            }
            parsedOk++;
        }

        System.out.printf(
                "crash-safety: %d SIGKILLs of a writer process at random moments (seed %d; a write took %.1f ms, "
                        + "the first after start %.1f ms), %d renewals completed, "
                        + "%d kills before the writer's first write returned, %d kills after a rename but before write() returned, "
                        + "%d kills left a temp file; %d files parsed by Python configparser, %d torn; %d stray temp files, "
                        + "%d with a mode other than 0600, all %d removed by the next write; %.1f s%n",
                KILLS,
                seed,
                oneWrite / 1e6,
                firstWrite / 1e6,
                writesCompleted,
                killedBeforeFirstWrite,
                killedAfterRenameBeforeReturn,
                killsLeavingTemp,
                parsedOk,
                torn.size() + oracleProblems.size(),
                straysRemoved,
                badTempModes.size(),
                straysRemoved,
                seconds);
        assertEquals(List.of(), torn, "files that are neither the complete old nor the complete new set");
        assertEquals(List.of(), oracleProblems);
        assertEquals(List.of(), badTempModes, "temp files must be 0600");
        assertEquals(KILLS + 1, parsedOk);
    }

    /** A writer JVM, warming up or waiting for "go". */
    record Writer(Process process, LinkedBlockingQueue<String> lines, Thread reader, List<String> seen) {
        static Writer start(Path dir, Path file, Path childErr) throws Exception {
            ProcessBuilder pb = ChildJvm.builder(
                    ChildJvm.command(dir, CrashWriterMain.class.getName(), file.toString(), SECTION, "wait"),
                    dir,
                    Map.of());
            pb.redirectError(ProcessBuilder.Redirect.appendTo(childErr.toFile()));
            Process p = pb.start();
            LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread reader = new Thread(
                    () -> {
                        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), UTF_8))) {
                            for (String line; (line = in.readLine()) != null; ) {
                                lines.add(line);
                            }
                        } catch (Exception ignored) {
                            // killed
                        }
                    },
                    "writer-output");
            reader.setDaemon(true);
            reader.start();
            return new Writer(p, lines, reader, new ArrayList<>());
        }

        void go(long first) throws Exception {
            OutputStream in = process.getOutputStream();
            in.write(("go " + first + "\n").getBytes(UTF_8));
            in.flush();
        }
    }

    @Test
    @DisplayName(
            "the real renew program killed at random moments (start, STS call, write, re-check): never a torn file")
    void sigkilledRenewNeverLeavesATornFile() throws Exception {
        String key = "AKIAIOSFODNN7EXAMPLE";
        String serial = "arn:aws:iam::123456789012:mfa/jane";
        try (dev.awsmfa.testing.StsStub sts = new dev.awsmfa.testing.StsStub()) {
            sts.addUser(key, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", serial);
            Path aws = Files.createDirectories(dir.resolve(".aws"));
            Files.createDirectories(dir.resolve("tmp"));
            Path config = aws.resolve("config");
            Path file = aws.resolve("credentials");
            Files.writeString(
                    config,
                    "[profile default]\nregion = eu-west-1\n\n[profile dev]\nsource_profile = default\nmfa_serial = "
                            + serial + "\n");
            // Without ORIGINAL's "key: value" line: the real program currently dies on it when the SDK client is built
            // (BadInputCorpusTest's own-JVM runs show that bug); this test is about kills.
            Files.write(
                    file,
                    ORIGINAL.replace("region_note: kept", "region_note = kept").getBytes(UTF_8));
            Map<String, String> env = Map.of(
                    "AWS_CONFIG_FILE",
                    config.toString(),
                    "AWS_SHARED_CREDENTIALS_FILE",
                    file.toString(),
                    "AWS_ENDPOINT_URL_STS",
                    sts.endpoint().toString());
            long seed = System.nanoTime();
            Random random = new Random(seed);
            byte[] current = Files.readAllBytes(file);
            int beforeCall = 0;
            int callNoWrite = 0;
            int written = 0;
            int finished = 0;
            long runNanos = 0;
            long callNanos = 0;
            List<String> torn = new ArrayList<>();
            for (int k = 0; k <= RENEW_KILLS; k++) {
                String code = String.format("%06d", 610_000 + k);
                sts.acceptCodes(code);
                int issuedBefore = sts.issued().size();
                int callsBefore = sts.calls("GetSessionToken").size();
                ProcessBuilder pb =
                        ChildJvm.builder(ChildJvm.command(dir, "dev.awsmfa.cli.Main", "renew", "-p", "dev"), dir, env);
                pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
                long t0 = System.nanoTime();
                java.time.Instant startedAt = java.time.Instant.now();
                Process p = pb.start();
                p.getOutputStream().write((code + "\n").getBytes(UTF_8));
                p.getOutputStream().close();
                if (k == 0) {
                    // A first, whole run tells when the STS call comes: the early kills land before it.
                    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
                    assertEquals(0, p.exitValue());
                    runNanos = System.nanoTime() - t0;
                    callNanos = Duration.between(
                                    startedAt,
                                    sts.calls("GetSessionToken").get(0).at())
                            .toNanos();
                } else if (k % 3 == 1) {
                    // A third of the kills: anywhere before the STS call (JVM start, reading the files, building the
                    // client).
                    LockSupport.parkNanos(random.nextLong(callNanos));
                    p.toHandle().destroyForcibly();
                    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
                } else {
                    // The rest: once STS has the request, within 400 ms: the reply, the write, the re-check 150 ms
                    // later.
                    long deadline = System.nanoTime() + 60_000_000_000L;
                    while (sts.calls("GetSessionToken").size() == callsBefore
                            && p.isAlive()
                            && System.nanoTime() < deadline) {
                        LockSupport.parkNanos(200_000);
                    }
                    LockSupport.parkNanos(random.nextLong(400_000_000L));
                    p.toHandle().destroyForcibly();
                    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
                }
                if (k > 0 && p.exitValue() == 0) {
                    finished++;
                }
                byte[] now = Files.readAllBytes(file);
                if (sts.issued().size() == issuedBefore) {
                    beforeCall++;
                    if (!Arrays.equals(now, current)) {
                        torn.add("kill " + k + ": changed without an STS call");
                    }
                    continue;
                }
                dev.awsmfa.testing.StsStub.IssuedCredentials issued =
                        sts.issued().get(sts.issued().size() - 1);
                byte[] renewed = CredentialsEditor.apply(
                        current,
                        "dev",
                        new SessionCredentials(
                                issued.accessKeyId(), issued.secret(), issued.token(), issued.expiration()));
                if (Arrays.equals(now, renewed)) {
                    written += k > 0 ? 1 : 0;
                    current = now;
                } else if (Arrays.equals(now, current)) {
                    callNoWrite++;
                } else {
                    Path kept = Files.createDirectories(Path.of("target/reliability/renew-crash-" + seed))
                            .resolve("torn-after-kill-" + k);
                    Files.write(kept, now);
                    torn.add("kill " + k + " (kept in " + kept + ")");
                }
            }
            // The next start: a renewal that is not killed removes what the kills left, and lands completely.
            sts.acceptCodes("699999");
            ChildJvm.Result last = ChildJvm.run(
                    ChildJvm.builder(ChildJvm.command(dir, "dev.awsmfa.cli.Main", "renew", "-p", "dev"), dir, env),
                    "699999\n",
                    Duration.ofSeconds(120));
            assertEquals(0, last.exit(), last.out() + last.err());
            List<PythonIni.Parsed> parsed = PythonIni.parse(List.of(file));
            assertTrue(parsed.get(0).ok());
            assertEquals(
                    sts.issued().get(sts.issued().size() - 1).token(),
                    parsed.get(0).sections().get(SECTION).get("aws_session_token"));
            List<Path> left = temps(aws);
            System.out.printf(
                    "crash-safety (real renew program): %d SIGKILLs (a third at random before the STS call, which came %.0f ms into "
                            + "a %.0f ms run; the rest 0-400 ms after STS got the request) (seed %d): %d before the "
                            + "STS call, %d after the call but before the write (file unchanged, code spent), %d after the write, "
                            + "%d finished first; %d torn; temp files after the next renew: %d%n",
                    RENEW_KILLS,
                    callNanos / 1e6,
                    runNanos / 1e6,
                    seed,
                    beforeCall,
                    callNoWrite,
                    written,
                    finished,
                    torn.size(),
                    left.size());
            assertEquals(List.of(), torn);
            assertEquals(List.of(), left);
        }
    }

    static byte[] expected(byte[] original, long set) throws Exception {
        return set == 0 ? original : CredentialsEditor.apply(original, SECTION, CrashWriterMain.set(set));
    }

    static List<Path> temps(Path folder) throws Exception {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.getFileName().toString().startsWith(".credentials.")
                            && p.getFileName().toString().endsWith(".aws-mfa-agent.tmp"))
                    .sorted()
                    .toList();
        }
    }

    private static Path writeTo(Path path, byte[] bytes) throws Exception {
        return Files.write(path, bytes);
    }
}
