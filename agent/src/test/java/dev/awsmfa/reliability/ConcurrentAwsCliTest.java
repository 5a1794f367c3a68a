package dev.awsmfa.reliability;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awsmfa.testing.CliRun;
import dev.awsmfa.testing.RequiredTools;
import dev.awsmfa.testing.StsStub;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5, item 2: the real AWS CLI's {@code configure set} (which rewrites the credentials file in place, without
 * any lock) runs in a loop while we renew other profiles through {@code aws-mfa-agent renew} against the STS stub.
 * At the end every key either side wrote is there, and no section appears twice.
 *
 * <p>Each round starts one renewal and, after a random pause, a burst of four CLI commands run back to back: one
 * appends a new section (the CLI's append path), three change keys of existing sections (its read + truncate +
 * write path, the one that drops a concurrent writer's change). The burst spans our write and our re-check.
 *
 * <p>The CLI: 6 rounds run {@code /usr/bin/aws configure set} as is (2+ s each, nearly all of
 * it Python importing awscli). The other 100 run the same Debian awscli code, {@code
 * awscli.clidriver.create_clidriver().main(["configure", "set", ...])}, in one interpreter that imported awscli
 * once: the file I/O is the CLI's own (it reads the file fresh on every command), only the import is shared.
 */
class ConcurrentAwsCliTest {

    static final Path AWS = Path.of("/usr/bin/aws");
    static final Path DEBIAN_PYTHON = Path.of("/usr/bin/python3");
    static final int WARM_ROUNDS = Integer.getInteger("rounds", 100);
    static final int COLD_ROUNDS = Integer.getInteger("coldRounds", 6);
    static final int RACE_RENEWALS = 20;
    static final int GROUP_ROUNDS = Integer.getInteger("groupRounds", 30);
    static final String ORIGINAL = "# long-term keys, one IAM user per profile; nobody may lose a byte of this\n";

    /** Imports awscli once, then runs each stdin line as one `aws ...` command and answers "done RC". */
    static final String DRIVER = String.join(
            "\n",
            "import os, sys",
            "if os.environ.get('LC_CTYPE', '') == 'UTF-8':",
            "    os.environ['LC_CTYPE'] = 'en_US.UTF-8'",
            "import awscli.clidriver",
            "print('ready', flush=True)",
            "for line in sys.stdin:",
            "    args = line.split()",
            "    if not args:",
            "        break",
            "    try:",
            "        rc = awscli.clidriver.create_clidriver().main(args)",
            "    except SystemExit as e:",
            "        rc = e.code",
            "    print('done %s' % rc, flush=True)");

    @TempDir
    Path home;

    StsStub sts;
    Path credentials;
    Path config;
    String original;
    final Random random = new Random();
    final ExecutorService pool = Executors.newCachedThreadPool();

    @BeforeEach
    void setUp() {
        sts = new StsStub();
    }

    /**
     * One IAM user and MFA device per round, with {@code group} session profiles on it ({@code renew} renews every
     * profile of a device with one code), and {@code padding} unrelated sections to make the file bigger.
     */
    void files(int rounds, int group, int padding) throws Exception {
        Path aws = Files.createDirectories(home.resolve(".aws"));
        config = aws.resolve("config");
        credentials = aws.resolve("credentials");
        StringBuilder cfg = new StringBuilder();
        StringBuilder creds = new StringBuilder(ORIGINAL);
        for (int i = 0; i < padding; i++) {
            creds.append("[other")
                    .append(i)
                    .append("]\naws_access_key_id = AKIAOTHER")
                    .append(i)
                    .append("\naws_secret_access_key = other-secret-")
                    .append(i)
                    .append("-")
                    .append("s".repeat(100))
                    .append('\n');
        }
        for (int i = 0; i < rounds; i++) {
            String key = String.format("AKIAUSER%012d", i);
            String secret = "user-secret-" + i + "/EXAMPLE+KEY";
            String serial = "arn:aws:iam::123456789012:mfa/user" + i;
            sts.addUser(key, secret, serial);
            for (String profile : group(i, group)) {
                cfg.append("[profile ")
                        .append(profile)
                        .append("]\nsource_profile = base")
                        .append(i)
                        .append("\nmfa_serial = ")
                        .append(serial)
                        .append("\n\n");
            }
            creds.append("[base")
                    .append(i)
                    .append("]\naws_access_key_id = ")
                    .append(key)
                    .append("\naws_secret_access_key = ")
                    .append(secret)
                    .append('\n');
        }
        Files.writeString(config, cfg);
        Files.writeString(credentials, creds);
        original = creds.toString();
    }

    static List<String> group(int round, int size) {
        List<String> names = new ArrayList<>(List.of("mfa" + round));
        for (int j = 1; j < size; j++) {
            names.add("mfa" + round + "-" + j);
        }
        return names;
    }

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
        sts.close();
    }

    /** What the CLI writes in round r: section, key, value. */
    record CliWrite(String section, String key, String value) {
        /**
         * Round r's burst of CLI commands: append [cliR] (the CLI's append path), then three in-place rewrites
         * (its read + truncate + write path, the one that drops a concurrent change): two more keys of [cliR] and
         * one of the previous round's section.
         */
        static List<CliWrite> of(int r, boolean cold) {
            if (cold) {
                // A cold /usr/bin/aws takes 2+ s to start: one command per round (an in-place rewrite from round 1 on).
                return List.of(
                        r % 2 == 0
                                ? new CliWrite("cli" + r, "aws_access_key_id", "AKIACLI" + r)
                                : new CliWrite("cli" + (r - 1), "aws_secret_access_key", "cli-secret-" + r));
            }
            List<CliWrite> burst = new ArrayList<>(List.of(
                    new CliWrite("cli" + r, "aws_access_key_id", "AKIACLI" + r),
                    new CliWrite("cli" + r, "aws_secret_access_key", "cli-secret-" + r),
                    new CliWrite("cli" + r, "aws_session_token", "cli-token-" + r)));
            if (r > 0) {
                burst.add(new CliWrite("cli" + (r - 1), "aws_session_token", "cli-token-" + (r - 1) + "-again"));
            }
            return burst;
        }

        List<String> args() {
            return List.of("configure", "set", key, value, "--profile", section);
        }
    }

    @Test
    @DisplayName(
            "aws configure set in a loop, renewals in parallel, a 200+ KB file: every key of both sides survives, no section twice")
    void awsCliAndRenewalsLoseNothing() throws Exception {
        scenario("concurrent-writers", WARM_ROUNDS, COLD_ROUNDS, 1, 1000);
    }

    @Test
    @DisplayName("the same with one code renewing a device's 8 profiles: 8 writes of ours per renewal")
    void awsCliAndDeviceGroupRenewalsLoseNothing() throws Exception {
        scenario("concurrent-writers-device-group", GROUP_ROUNDS, 0, 8, 400);
    }

    @Test
    @DisplayName("renew while another program rewrites the file in place (truncate, then write): no spurious failure")
    void renewWhileTheFileIsRewrittenInPlace() throws Exception {
        files(RACE_RENEWALS, 1, 200);
        // What `aws configure set` does to an existing section, slowed down: read the file, truncate it, and write the
        // content back 10 ms later. Run for the whole test, 30 ms apart.
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicInteger rewrites = new java.util.concurrent.atomic.AtomicInteger();
        Future<?> rewriter = pool.submit(() -> {
            while (!stop.get()) {
                byte[] content = Files.readAllBytes(credentials);
                try (java.nio.channels.FileChannel out = java.nio.channels.FileChannel.open(
                        credentials,
                        java.nio.file.StandardOpenOption.WRITE,
                        java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
                    LockSupport.parkNanos(10_000_000L);
                    out.write(java.nio.ByteBuffer.wrap(content));
                }
                rewrites.incrementAndGet();
                LockSupport.parkNanos(20_000_000L);
            }
            return null;
        });
        List<String> failed = new ArrayList<>();
        int ok = 0;
        try {
            for (int r = 0; r < RACE_RENEWALS; r++) {
                String code = String.format("%06d", 400_000 + r);
                sts.acceptCodes(code);
                CliRun cli = new CliRun(home);
                cli.useSts(sts);
                CliRun.Result res = cli.run("renew", "-p", "mfa" + r, "--code", code);
                if (res.exit() == 0) {
                    ok++;
                } else {
                    failed.add("exit " + res.exit() + ": " + res.err().strip());
                }
            }
        } finally {
            stop.set(true);
            rewriter.get(30, TimeUnit.SECONDS);
        }
        Map<String, Map<String, String>> end =
                PythonIni.parse(List.of(credentials)).get(0).sections();
        long sessions = end.keySet().stream().filter(k -> k.startsWith("mfa")).count();
        System.out.printf(
                "concurrent-writers (in-place rewrites every 30 ms, empty for 10 ms each time): %d renewals, %d ok, "
                        + "%d failed, %d rewrites; sessions in the file %d; failures: %s%n",
                RACE_RENEWALS,
                ok,
                failed.size(),
                rewrites.get(),
                sessions,
                failed.stream()
                        .map(f -> f.replaceAll("/tmp/\\S+", "PATH"))
                        .distinct()
                        .toList());
        assertTrue(Files.readString(credentials).startsWith(original), "the long-term sections are intact");
        assertEquals(
                List.of(), failed, "a file caught between truncate and write is read again, not reported as broken");
        assertEquals(ok, sessions);
    }

    void scenario(String name, int warmRounds, int coldRounds, int group, int padding) throws Exception {
        files(warmRounds + coldRounds, group, padding);
        RequiredTools.require(AWS, "Debian package awscli");
        RequiredTools.require(DEBIAN_PYTHON, "Debian package python3 (the interpreter of /usr/bin/aws)");
        Path driverScript = Files.writeString(home.resolve("awscli-driver.py"), DRIVER);
        Path driverErr = home.resolve("awscli-driver.stderr");
        ProcessBuilder pb =
                ChildJvm.builder(List.of(DEBIAN_PYTHON.toString(), driverScript.toString()), home, cliEnv());
        pb.redirectError(driverErr.toFile());
        Process driver = pb.start();
        BufferedReader answers = new BufferedReader(new InputStreamReader(driver.getInputStream(), UTF_8));
        OutputStream commands = driver.getOutputStream();
        assertEquals("ready", answers.readLine(), () -> read(driverErr));

        Map<Integer, String> tokens = new LinkedHashMap<>();
        List<String> failedRenewals = java.util.Collections.synchronizedList(new ArrayList<>());
        int overlapping = 0;
        int cliWrites = 0;
        List<List<CliWrite>> bursts = new ArrayList<>();
        long ourTime = 0;
        long cliTime = 0;
        long started = System.nanoTime();
        try {
            for (int r = 0; r < warmRounds + coldRounds; r++) {
                boolean cold = r >= warmRounds;
                List<CliWrite> burst = CliWrite.of(r, cold);
                bursts.add(burst);
                String code = String.format("%06d", 300_000 + r);
                sts.acceptCodes(code);
                // The CLI burst starts first; our renewal starts at a random moment inside it, so our write and our
                // re-check 150 ms later fall between, and during, the CLI's read-modify-writes (~80 ms apart warm; a
                // cold /usr/bin/aws reads the file ~2 s after it starts).
                long ourDelayNanos = cold ? random.nextLong(3_000_000_000L) : random.nextLong(300_000_000L);
                int round = r;
                Future<long[]> ours = pool.submit(() -> {
                    LockSupport.parkNanos(ourDelayNanos);
                    long s = System.nanoTime();
                    CliRun cli = new CliRun(home);
                    cli.useSts(sts);
                    CliRun.Result res = cli.run("renew", "-p", "mfa" + round, "--code", code);
                    if (res.exit() != 0) {
                        // Counted and reported (B6 in docs/RELIABILITY.md); then the user's next try, with the next
                        // code.
                        failedRenewals.add("round " + round + ": exit " + res.exit() + ": "
                                + res.err().strip());
                        String next = String.format("%06d", 800_000 + round);
                        sts.acceptCodes(next);
                        res = cli.run("renew", "-p", "mfa" + round, "--code", next);
                        assertEquals(0, res.exit(), "the retry: " + res.all());
                    }
                    return new long[] {s, System.nanoTime()};
                });
                long cliStart = System.nanoTime();
                if (cold) {
                    for (CliWrite w : burst) {
                        List<String> argv = new ArrayList<>(List.of(AWS.toString()));
                        argv.addAll(w.args());
                        ChildJvm.Result res = ChildJvm.run(
                                ChildJvm.builder(argv, home, cliEnv()), "", java.time.Duration.ofSeconds(60));
                        assertEquals(0, res.exit(), "aws " + w.args() + ": " + res.err());
                    }
                } else {
                    // The whole burst at once: the commands run back to back, each reading and rewriting the file.
                    StringBuilder lines = new StringBuilder();
                    burst.forEach(w -> lines.append(String.join(" ", w.args())).append('\n'));
                    commands.write(lines.toString().getBytes(UTF_8));
                    commands.flush();
                    for (CliWrite w : burst) {
                        String done = answers.readLine();
                        assertEquals("done 0", done, () -> "aws " + w.args() + ": " + read(driverErr));
                    }
                }
                cliWrites += burst.size();
                long cliEnd = System.nanoTime();
                long[] ourWindow = ours.get(60, TimeUnit.SECONDS);
                if (ourWindow[0] < cliEnd && cliStart < ourWindow[1]) {
                    overlapping++;
                }
                tokens.put(r, sts.issued().get(sts.issued().size() - 1).token());
                ourTime += ourWindow[1] - ourWindow[0];
                cliTime += cliEnd - cliStart;
            }
        } finally {
            commands.close();
            driver.waitFor(30, TimeUnit.SECONDS);
            driver.destroyForcibly();
        }
        double seconds = (System.nanoTime() - started) / 1e9;

        // The end state, as configparser (the AWS CLI's reader) sees it.
        String text = Files.readString(credentials, UTF_8);
        Map<String, Map<String, String>> end =
                PythonIni.parse(List.of(credentials)).get(0).sections();
        int rounds = warmRounds + coldRounds;
        int cliKeysThere = 0;
        Map<String, CliWrite> lastValues = new LinkedHashMap<>();
        int ourSessionsThere = 0;
        List<String> missing = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            for (CliWrite w : bursts.get(r)) {
                lastValues.put(w.section() + "." + w.key(), w);
            }
            for (String profile : group(r, group)) {
                Map<String, String> s = end.getOrDefault(profile, Map.of());
                if (tokens.get(r).equals(s.get("aws_session_token"))
                        && s.get("aws_access_key_id") != null
                        && s.get("aws_secret_access_key") != null
                        && s.get("aws_session_expiration") != null) {
                    ourSessionsThere++;
                } else {
                    missing.add("our [" + profile + "]");
                }
            }
        }
        for (Map.Entry<String, CliWrite> e : lastValues.entrySet()) {
            CliWrite w = e.getValue();
            if (w.value().equals(end.getOrDefault(w.section(), Map.of()).get(w.key()))) {
                cliKeysThere++;
            } else {
                missing.add("CLI's " + w);
            }
        }
        Map<String, Integer> headers = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^\\[([^\\]]+)\\]").matcher(text);
        while (m.find()) {
            headers.merge(m.group(1), 1, Integer::sum);
        }
        List<String> duplicated = headers.entrySet().stream()
                .filter(e -> e.getValue() > 1)
                .map(Map.Entry::getKey)
                .toList();

        System.out.printf(
                "%s: %d rounds (%d warm awscli + %d cold /usr/bin/aws; %d profile(s) per renewal, %d bytes at the end), "
                        + "%d with both writers running "
                        + "at once (a renewal took %.0f ms, a burst of CLI commands %.0f ms on average); %d CLI writes, CLI keys present at the end %d/%d, "
                        + "our sessions present %d/%d; "
                        + "renewals that failed and were retried with the next code %d; "
                        + "duplicated sections %d; long-term section intact %s; %d GetSessionToken calls; %.1f s%n",
                name,
                rounds,
                warmRounds,
                coldRounds,
                group,
                text.length(),
                overlapping,
                ourTime / 1e6 / rounds,
                cliTime / 1e6 / rounds,
                cliWrites,
                cliKeysThere,
                lastValues.size(),
                ourSessionsThere,
                rounds * group,
                failedRenewals.size(),
                duplicated.size(),
                text.startsWith(original),
                sts.calls("GetSessionToken").size(),
                seconds);
        if (!failedRenewals.isEmpty()) {
            System.out.println(name + ": renewals that failed: " + failedRenewals);
        }
        if (!missing.isEmpty() || !duplicated.isEmpty()) {
            Path kept = Files.createDirectories(Path.of("target/reliability")).resolve(name + "-end-credentials");
            Files.writeString(kept, text);
            System.out.println(name + ": the file at the end is kept in " + kept);
        }
        assertEquals(List.of(), missing, "every key written by either side is there at the end");
        assertEquals(List.of(), duplicated, "no section appears twice");
        assertTrue(text.startsWith(original), "the long-term sections and the comment are byte-identical");
    }

    private Map<String, String> cliEnv() {
        return Map.of(
                "AWS_CONFIG_FILE",
                config.toString(),
                "AWS_SHARED_CREDENTIALS_FILE",
                credentials.toString(),
                "AWS_EC2_METADATA_DISABLED",
                "true",
                "AWS_PAGER",
                "");
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (Exception e) {
            return "";
        }
    }
}
