package dev.awsmfa.reliability;

import static dev.awsmfa.testing.ExampleUser.KEY;
import static dev.awsmfa.testing.ExampleUser.SECRET;
import static dev.awsmfa.testing.ExampleUser.SERIAL;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.awsmfa.credentials.CredentialsEditor;
import dev.awsmfa.credentials.SessionCredentials;
import dev.awsmfa.testing.CliRun;
import dev.awsmfa.testing.StsStub;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 5, item 3: every case in {@code src/test/resources/bad-input/} runs {@code aws-mfa-agent renew} (in-process,
 * against the STS stub) on its own {@code config} and {@code credentials} (either may be absent), after an optional
 * {@code setup} that makes what a file cannot hold (a folder, a FIFO, a read-only mount, a full disk...).
 *
 * <p>{@code case.properties}: {@code exit} (the documented exit code); {@code stderr} (phrases, separated by
 * {@code |}, that the one-line message must contain, case-insensitively; {@code ${CONFIG}}, {@code ${CREDENTIALS}}
 * and {@code ${AWS}} stand for the paths); {@code stdout} for the cases that succeed; {@code args} (default
 * {@code renew|-p|dev|--code|390271}); {@code stdin}; {@code env.NAME} (empty removes it); {@code setup};
 * {@code sts.calls} (GetSessionToken calls expected, default 0).
 *
 * <p>For every failing case: exactly one line on stderr, starting "aws-mfa-agent: ", without a stack trace or a
 * Java exception name, naming the file, the line or the profile (code and usage errors name the code or the
 * option instead); the documented exit code; every file byte-identical; nothing created (but our empty write lock
 * in our own state folder, when STS was called and the write then failed); no temp file; no secret in the output. For the cases that succeed
 * (inputs the AWS CLI accepts too): stderr empty, and the credentials file is exactly the old one with only
 * [dev]'s owned keys changed.
 */
class BadInputCorpusTest {

    static final Path CORPUS = Path.of("src/test/resources/bad-input");
    static final String CODE = "390271";
    /** The code for the second run, by the real program in its own JVM (a code works once). */
    static final String CODE2 = "390272";

    static final Pattern EXCEPTION_NAME = Pattern.compile("\\b[A-Z]\\w*(Exception|Error)\\b");
    static final int HANG_LIMIT_SECONDS = 30;
    static final Map<String, String> SUMMARY = Collections.synchronizedMap(new TreeMap<>());

    final Mounts mounts = new Mounts();
    final List<AutoCloseable> closeLater = new ArrayList<>();

    @AfterEach
    void undo() throws Exception {
        for (AutoCloseable c : closeLater) {
            c.close();
        }
        mounts.close();
    }

    static Stream<String> cases() throws IOException {
        try (Stream<Path> s = Files.list(CORPUS)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    static Properties expected(String name) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(CORPUS.resolve(name).resolve("case.properties"), UTF_8)) {
            p.load(r);
        }
        return p;
    }

    @Test
    @DisplayName("the corpus holds at least 30 cases that must fail, each with its expected outcome")
    void corpusSize() throws IOException {
        List<String> all = cases().toList();
        int failing = 0;
        for (String name : all) {
            Properties p = expected(name);
            assertTrue(p.containsKey("exit"), name + " has no exit");
            assertTrue(p.containsKey(p.getProperty("exit").equals("0") ? "stdout" : "stderr"), name + " has no phrase");
            failing += p.getProperty("exit").equals("0") ? 0 : 1;
        }
        System.out.println("bad-input: " + all.size() + " cases in " + CORPUS + ", " + failing + " that must fail, "
                + (all.size() - failing) + " that the AWS CLI accepts too and must succeed");
        assertTrue(failing >= 30, "at least 30 failing cases: " + failing);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @DisplayName("bad input: one clear line, the documented exit code, every file byte-identical")
    void badInput(String name, @TempDir Path home) throws Exception {
        Properties want = expected(name);
        Path dir = CORPUS.resolve(name);
        Path aws = home.resolve(".aws");
        Path config = aws.resolve("config");
        Path credentials = aws.resolve("credentials");
        List<String> setups = Arrays.stream(want.getProperty("setup", "").split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();

        boolean anyFile = Files.exists(dir.resolve("config")) || Files.exists(dir.resolve("credentials"));
        if (anyFile || !setups.isEmpty()) {
            Files.createDirectories(aws);
        }
        if (setups.contains("disk-full")) {
            mounts.tmpfs(aws, "64k");
        }
        for (String f : new String[] {"config", "credentials"}) {
            if (Files.exists(dir.resolve(f))) {
                // 0600 as the AWS CLI creates them: a looser file would (rightly) be tightened and reported.
                Files.copy(dir.resolve(f), aws.resolve(f));
                Files.setPosixFilePermissions(aws.resolve(f), PosixFilePermissions.fromString("rw-------"));
            }
        }
        for (String setup : setups) {
            setUp(setup, aws, config, credentials);
        }

        try (StsStub sts = new StsStub()) {
            sts.addUser(KEY, SECRET, SERIAL);
            sts.acceptCodes(CODE);
            CliRun cli = new CliRun(home);
            cli.useSts(sts);
            for (String k : want.stringPropertyNames()) {
                if (k.startsWith("env.")) {
                    String v = expand(want.getProperty(k), aws, config, credentials);
                    if (v.isEmpty()) {
                        cli.env.remove(k.substring(4));
                    } else {
                        cli.env.put(k.substring(4), v);
                    }
                }
            }
            cli.stdin = want.getProperty("stdin", "");
            if (!cli.stdin.isEmpty()) {
                cli.stdin += "\n";
            }
            String[] args =
                    want.getProperty("args", "renew|-p|dev|--code|" + CODE).split("\\|", -1);

            Map<Path, byte[]> before = snapshot(home);
            long started = System.nanoTime();
            CliRun.Result r;
            try {
                r = runBounded(cli, args, aws);
            } catch (AssertionError hung) {
                SUMMARY.put(name, String.format("%-42s HANGS (no answer within %d s)", name, HANG_LIMIT_SECONDS));
                throw hung;
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            int stsCalls = sts.calls("GetSessionToken").size();
            SUMMARY.put(
                    name,
                    String.format(
                            "%-42s exit %d  STS calls %d  %5d ms  %s",
                            name,
                            r.exit(),
                            stsCalls,
                            millis,
                            r.exit() == 0 ? "(succeeds)" : r.err().strip()));
            Map<Path, byte[]> after = snapshot(home);
            verify(
                    "in-process",
                    want,
                    r.exit(),
                    r.out(),
                    r.err(),
                    stsCalls,
                    sts,
                    before,
                    after,
                    home,
                    aws,
                    config,
                    credentials);

            if (stsCalls > 0) {
                // This case builds the AWS SDK client. In-process, surefire's aws.configFile/aws.sharedCredentialsFile
                // (set to /nonexistent in the pom) hide what the SDK makes of the user's files; the real program in
                // its own JVM, with only the user's environment, must give the same outcome.
                for (Map.Entry<Path, byte[]> e : before.entrySet()) {
                    if (Files.isRegularFile(e.getKey(), LinkOption.NOFOLLOW_LINKS)
                            && !Arrays.equals(e.getValue(), after.get(e.getKey()))) {
                        Files.write(e.getKey(), e.getValue());
                    }
                }
                Map<Path, byte[]> before2 = snapshot(home);
                sts.acceptCodes(CODE2);
                int callsBefore = stsCalls;
                // The code as given, also split as apps show it ("390 271", "390-271"): the second code in the same
                // shape.
                List<String> argv = Arrays.stream(args)
                        .map(a -> a.replaceAll("390([ -]?)271", "390$1272"))
                        .toList();
                Map<String, String> env = new java.util.HashMap<>(cli.env);
                ChildJvm.Result real = ChildJvm.run(
                        ChildJvm.builder(
                                ChildJvm.command(home, "dev.awsmfa.cli.Main", argv.toArray(String[]::new)), home, env),
                        cli.stdin.replaceAll("390([ -]?)271", "390$1272"),
                        java.time.Duration.ofSeconds(120));
                int realCalls = sts.calls("GetSessionToken").size() - callsBefore;
                SUMMARY.put(
                        name + " (own JVM)",
                        String.format(
                                "%-42s exit %d  STS calls %d  %5d ms  %s",
                                name + " (own JVM)",
                                real.exit(),
                                realCalls,
                                real.took().toMillis(),
                                real.exit() == 0 ? "(succeeds)" : real.err().strip()));
                verify(
                        "the real program in its own JVM",
                        want,
                        real.exit(),
                        real.out(),
                        real.err(),
                        realCalls,
                        sts,
                        before2,
                        snapshot(home),
                        home,
                        aws,
                        config,
                        credentials);
            }
        }
    }

    /** The checks every case gets, for a run that printed {@code out} and {@code err} and exited {@code exit}. */
    private static void verify(
            String how,
            Properties want,
            int exit,
            String out,
            String err,
            int stsCalls,
            StsStub sts,
            Map<Path, byte[]> before,
            Map<Path, byte[]> after,
            Path home,
            Path aws,
            Path config,
            Path credentials)
            throws Exception {
        int expectedExit = Integer.parseInt(want.getProperty("exit"));
        String all = out + err;
        err = err.strip();
        assertEquals(expectedExit, exit, how + ": exit code; output: " + all);
        assertEquals(Integer.parseInt(want.getProperty("sts.calls", "0")), stsCalls, how + ": GetSessionToken calls");
        String masked = all.replace(home.toString(), "HOME");
        assertFalse(masked.contains(SECRET), how + ": the long-term secret is never printed");
        assertFalse(
                expectedExit != 0 && (masked.contains(CODE) || masked.contains(CODE2)),
                how + ": the code is never printed");
        for (StsStub.IssuedCredentials issued : sts.issued()) {
            assertFalse(
                    masked.contains(issued.secret()) || masked.contains(issued.token()),
                    how + ": no issued secret printed");
        }
        if (expectedExit == 0) {
            assertEquals("", err, how + ": a success prints nothing on stderr");
            for (String phrase : phrases(want.getProperty("stdout"), aws, config, credentials)) {
                assertTrue(
                        out.toLowerCase(Locale.ROOT).contains(phrase.toLowerCase(Locale.ROOT)),
                        how + ": '" + phrase + "' in: " + out);
            }
            StsStub.IssuedCredentials issued = sts.issued().get(sts.issued().size() - 1);
            byte[] expected = CredentialsEditor.apply(
                    before.get(credentials),
                    "dev",
                    new SessionCredentials(issued.accessKeyId(), issued.secret(), issued.token(), issued.expiration()));
            assertArrayEquals(expected, after.get(credentials), how + ": only [dev]'s owned keys changed");
            before.put(credentials, expected);
            ourLocks(home, before, after);
        } else {
            assertFalse(err.isEmpty(), how + ": a failure says why on stderr");
            assertFalse(err.contains("\n"), how + ": one line, got: " + err);
            assertTrue(err.startsWith("aws-mfa-agent: "), how + ": " + err);
            assertFalse(
                    err.contains("\tat ") || EXCEPTION_NAME.matcher(err).find(),
                    how + ": no stack trace and no Java exception name, got: " + err);
            for (String phrase : phrases(want.getProperty("stderr"), aws, config, credentials)) {
                assertTrue(
                        err.toLowerCase(Locale.ROOT).contains(phrase.toLowerCase(Locale.ROOT)),
                        how + ": '" + phrase + "' in: " + err);
            }
            if (expectedExit != 2 && expectedExit != 8) {
                boolean names = err.contains(config.toString())
                        || err.contains(credentials.toString())
                        || err.contains(aws.toString())
                        || err.contains(" line ")
                        || err.matches(".*'[^']+'.*")
                        || err.matches(".*\\[[^\\]]+\\].*");
                assertTrue(names, how + ": names the file, line or profile: " + err);
            }
            if (stsCalls > 0) {
                // The write was attempted: its lock file may now exist, empty, in our state folder (not in ~/.aws).
                ourLocks(home, before, after);
            }
        }
        assertEquals(names(before), names(after), how + ": no file created or removed");
        for (Map.Entry<Path, byte[]> e : before.entrySet()) {
            assertArrayEquals(e.getValue(), after.get(e.getKey()), how + ": " + e.getKey() + " is byte-identical");
        }
    }

    @AfterAll
    static void report() {
        if (SUMMARY.isEmpty()) {
            return;
        }
        System.out.println("bad-input: " + SUMMARY.size() + " cases run; the line each printed:");
        SUMMARY.values().forEach(line -> System.out.println("  " + line));
    }

    private void setUp(String setup, Path aws, Path config, Path credentials) throws Exception {
        switch (setup) {
            case "credentials-is-folder" ->
                Files.writeString(Files.createDirectories(credentials).resolve("keys"), "x");
            case "config-is-folder" -> Files.createDirectories(config);
            case "credentials-symlink-loop" -> {
                Path other = aws.resolve("credentials.link");
                Files.createSymbolicLink(credentials, other.getFileName());
                Files.createSymbolicLink(other, credentials.getFileName());
            }
            case "credentials-is-fifo" -> {
                String problem = Mounts.exec("mkfifo", credentials.toString());
                assertEquals(null, problem, "mkfifo");
            }
            case "credentials-is-socket" -> {
                ServerSocketChannel socket = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
                socket.bind(UnixDomainSocketAddress.of(credentials));
                closeLater.add(socket);
            }
            case "credentials-10mb-random" -> {
                byte[] noise = new byte[10 * 1024 * 1024];
                new Random(5).nextBytes(noise);
                Files.write(credentials, noise);
            }
            case "credentials-append-10mb" -> {
                StringBuilder more = new StringBuilder();
                for (int i = 0; more.length() < 10 * 1024 * 1024; i++) {
                    more.append("\n# profile number ")
                            .append(i)
                            .append(" of a very long file\n[p")
                            .append(i)
                            .append("]\naws_access_key_id = AKIAPADDING")
                            .append(i)
                            .append("\naws_secret_access_key = padding-secret-")
                            .append(i)
                            .append("/EXAMPLE\n");
                }
                Files.writeString(credentials, Files.readString(credentials) + more);
            }
            case "aws-folder-read-only" -> mounts.readOnly(aws);
            case "disk-full" -> {
                // Fill what is left; the files already copied stay readable.
                try (FileOutputStream filler =
                        new FileOutputStream(aws.resolve("filler").toFile())) {
                    byte[] block = new byte[1024];
                    while (true) {
                        filler.write(block);
                        filler.getFD().sync();
                    }
                } catch (IOException full) {
                    // ENOSPC: the disk is full now
                }
            }
            default -> fail("unknown setup " + setup);
        }
    }

    /** Runs the CLI; a run that blocks (say on a FIFO nobody writes) fails the case instead of hanging the build. */
    private static CliRun.Result runBounded(CliRun cli, String[] args, Path aws) throws Exception {
        ExecutorService one = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "bad-input-cli");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<CliRun.Result> run = one.submit(() -> cli.run(args));
            try {
                return run.get(HANG_LIMIT_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                // Release a reader blocked on a FIFO: a writer opens and closes it, the reader sees the end.
                try (Stream<Path> s = Files.list(aws)) {
                    for (Path p : s.toList()) {
                        if (Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                                .isOther()) {
                            Thread t = new Thread(() -> {
                                try (FileOutputStream w = new FileOutputStream(p.toFile())) {
                                    w.flush();
                                } catch (IOException ignored) {
                                    // not a FIFO
                                }
                            });
                            t.setDaemon(true);
                            t.start();
                        }
                    }
                }
                throw new AssertionError("aws-mfa-agent renew did not finish within " + HANG_LIMIT_SECONDS
                        + " s: it hangs on this input");
            }
        } finally {
            one.shutdownNow();
        }
    }

    private static boolean isRegular(Path p) {
        return Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS);
    }

    /** Every path under {@code root} (no link followed), with the bytes of the regular files. */
    /** Our write lock may appear in our own state folder, empty; never beside the user's files. */
    private static void ourLocks(Path home, Map<Path, byte[]> before, Map<Path, byte[]> after) {
        Path locks = home.resolve(".local/state/aws-mfa-agent/locks");
        after.forEach((p, bytes) -> {
            if (p.startsWith(locks) && p.getFileName().toString().endsWith(".lock")) {
                assertEquals(0, bytes.length, p + " is an empty lock file");
            }
            if (p.startsWith(locks) || (p.startsWith(home) && locks.startsWith(p))) {
                before.putIfAbsent(p, bytes);
            }
        });
    }

    static Map<Path, byte[]> snapshot(Path root) throws IOException {
        Map<Path, byte[]> all = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.toList()) {
                if (p.equals(root)) {
                    continue;
                }
                if (isRegular(p)) {
                    all.put(p, Files.readAllBytes(p));
                } else if (Files.isSymbolicLink(p)) {
                    all.put(p, ("-> " + Files.readSymbolicLink(p)).getBytes(UTF_8));
                } else {
                    all.put(
                            p,
                            Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
                                    ? "<dir>".getBytes(UTF_8)
                                    : "<other>".getBytes(UTF_8));
                }
            }
        }
        return all;
    }

    private static Map<Path, Integer> names(Map<Path, byte[]> snapshot) {
        Map<Path, Integer> out = new TreeMap<>();
        snapshot.forEach((p, b) -> out.put(p, 0));
        return out;
    }

    private static List<String> phrases(String spec, Path aws, Path config, Path credentials) {
        return Arrays.stream(spec.split("\\|"))
                .map(p -> expand(p, aws, config, credentials))
                .toList();
    }

    private static String expand(String s, Path aws, Path config, Path credentials) {
        return s.replace("${CONFIG}", config.toString())
                .replace("${CREDENTIALS}", credentials.toString())
                .replace("${AWS}", aws.toString());
    }
}
