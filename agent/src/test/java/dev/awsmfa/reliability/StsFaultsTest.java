package dev.awsmfa.reliability;

import static dev.awsmfa.testing.ExampleUser.KEY;
import static dev.awsmfa.testing.ExampleUser.SECRET;
import static dev.awsmfa.testing.ExampleUser.SERIAL;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awsmfa.testing.CliRun;
import dev.awsmfa.testing.Fault;
import dev.awsmfa.testing.IniOracles;
import dev.awsmfa.testing.StsStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 5, item 4, beyond what cli.RenewCommandTest covers (exit code, message, unchanged file, one call): after
 * each STS fault the run ends within its timeout + 2 s and says to use the next code; a code the fault spent is
 * refused when re-used (at the stub, as at AWS), and the next code renews. The real entry point (dev.awsmfa.cli.Main
 * in its own JVM, default timeouts) sends the code exactly once on a reset and on a lost reply.
 */
class StsFaultsTest {

    static final String FIRST = "481516";
    static final String NEXT = "623342";
    static final Duration SLACK = Duration.ofSeconds(2);

    @TempDir
    Path home;

    StsStub sts;
    CliRun cli;
    Path credentials;
    byte[] before;

    /**
     * One whole renewal first, in a throwaway home: the time limits below are for handling a fault, not for the JVM
     * loading the SDK's classes (seconds on a busy machine).
     */
    @BeforeAll
    static void warmUp(@TempDir Path scratch) throws Exception {
        try (StsStub warm = new StsStub()) {
            warm.addUser(KEY, SECRET, SERIAL);
            warm.acceptCodes("100001");
            CliRun cli = new CliRun(scratch);
            cli.useSts(warm);
            Path aws = Files.createDirectories(scratch.resolve(".aws"));
            Files.writeString(
                    aws.resolve("config"), "[profile dev]\nsource_profile = base\nmfa_serial = " + SERIAL + "\n");
            Files.writeString(
                    aws.resolve("credentials"),
                    "[base]\naws_access_key_id = " + KEY + "\naws_secret_access_key = " + SECRET + "\n");
            assertEquals(0, cli.run("renew", "-p", "dev", "--code", "100001").exit());
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        sts = new StsStub();
        sts.addUser(KEY, SECRET, SERIAL);
        sts.acceptCodes(FIRST, NEXT);
        cli = new CliRun(home);
        cli.useSts(sts);
        Path aws = Files.createDirectories(home.resolve(".aws"));
        Files.writeString(
                aws.resolve("config"),
                "[profile base]\nregion = eu-west-1\n\n[profile dev]\nsource_profile = base\n" + "mfa_serial = "
                        + SERIAL + "\n");
        credentials = aws.resolve("credentials");
        Files.writeString(
                credentials,
                "# mine\n[base]\naws_access_key_id = " + KEY + "\naws_secret_access_key = " + SECRET
                        + "\n\n[dev]\naws_access_key_id = ASIAOLDEXAMPLE\naws_secret_access_key = old\naws_session_token = old-token\n");
        before = Files.readAllBytes(credentials);
    }

    @AfterEach
    void tearDown() {
        sts.close();
    }

    /** Name, fault, and whether the stub processed the request (spent the code) before failing. */
    static Stream<Arguments> faults() {
        return Stream.of(
                Arguments.of("HTTP 500 InternalFailure", Fault.internalFailure(), false),
                Arguments.of("HTTP 503 ServiceUnavailable", Fault.serviceUnavailable(), false),
                Arguments.of("Throttling", Fault.throttling(), false),
                Arguments.of("reply slower than the timeout", Fault.delay(Duration.ofSeconds(8)), true),
                Arguments.of("connection reset", Fault.reset(), false),
                Arguments.of("reply lost after the code was spent", Fault.consumeThenDrop(), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    @DisplayName(
            "a fault ends within the timeout + 2 s, nothing is written, the spent code is refused, the next code renews")
    void faultThenTheNextCode(String name, Fault fault, boolean spendsTheCode) throws Exception {
        Duration limit = cli.timeouts.call().plus(SLACK);
        sts.failNext(fault);
        long t0 = System.nanoTime();
        CliRun.Result r = cli.run("renew", "-p", "dev", "--code", FIRST);
        Duration took = Duration.ofNanos(System.nanoTime() - t0);

        assertEquals(6, r.exit(), r.all());
        String err = r.err().strip();
        assertFalse(err.contains("\n"), "one line: " + err);
        assertTrue(err.contains("next code") || err.contains("new code"), "says to use the next code: " + err);
        assertTrue(took.compareTo(limit) < 0, name + " took " + took.toMillis() + " ms, limit " + limit.toMillis());
        assertEquals(1, sts.calls("GetSessionToken").size(), "the code was sent once");
        assertArrayEquals(before, Files.readAllBytes(credentials), "nothing written");
        assertEquals(List.of(".aws/config", ".aws/credentials"), files(), "no temp or lock file");
        assertEquals(spendsTheCode, sts.usedCodes().contains(FIRST));

        String again = "n/a (the stub did not spend it)";
        if (spendsTheCode) {
            // As at AWS, a spent code is refused; the program never resent it on its own, the user did here.
            CliRun.Result same = cli.run("renew", "-p", "dev", "--code", FIRST);
            assertEquals(4, same.exit(), same.all());
            assertTrue(same.err().contains("already used") && same.err().contains("next code"), same.err());
            assertArrayEquals(before, Files.readAllBytes(credentials));
            assertEquals(2, sts.calls("GetSessionToken").size());
            again = "exit 4 ("
                    + same.err().strip().replaceFirst("^aws-mfa-agent: ", "").split(";")[0] + ")";
        }

        CliRun.Result next = cli.run("renew", "-p", "dev", "--code", NEXT);
        assertEquals(0, next.exit(), next.all());
        StsStub.IssuedCredentials issued = sts.issued().get(sts.issued().size() - 1);
        Map<String, String> dev = IniOracles.python(credentials).get("dev");
        assertEquals(issued.token(), dev.get("aws_session_token"), "the session of the next code is written");
        assertEquals(spendsTheCode ? 3 : 2, sts.calls("GetSessionToken").size());
        for (StsStub.IssuedCredentials lost :
                sts.issued().subList(0, sts.issued().size() - 1)) {
            assertFalse(
                    Files.readString(credentials, UTF_8).contains(lost.token()),
                    "a session whose reply was lost is not written");
        }
        System.out.printf(
                "sts-faults: %-38s exit 6 in %5d ms (limit %d ms), 1 call, file unchanged; same code again: %s; "
                        + "next code: exit 0, written%n",
                name, took.toMillis(), limit.toMillis(), again);
    }

    /** The faults but the slow reply: with the default 10 s read timeout it is covered in-process, with short timeouts. */
    static Stream<Arguments> fastFaults() {
        return faults().filter(a -> !(a.get()[1] instanceof Fault.Delay));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fastFaults")
    @DisplayName("the real entry point in its own JVM (default timeouts): one call, exit 6, within 15 s + 2 s")
    void realEntryPointSendsTheCodeOnce(String name, Fault fault, boolean spendsTheCode) throws Exception {
        sts.failNext(fault);
        ChildJvm.Result r = ChildJvm.run(
                ChildJvm.builder(
                        ChildJvm.command(home, "dev.awsmfa.cli.Main", "renew", "-p", "dev"),
                        home,
                        Map.of(
                                "AWS_CONFIG_FILE",
                                home.resolve(".aws/config").toString(),
                                "AWS_SHARED_CREDENTIALS_FILE",
                                credentials.toString(),
                                "AWS_ENDPOINT_URL_STS",
                                sts.endpoint().toString())),
                FIRST + "\n",
                Duration.ofSeconds(60));
        assertEquals(6, r.exit(), r.out() + r.err());
        assertEquals(
                1,
                sts.calls("GetSessionToken").size(),
                "sent once, never retried (HttpURLConnection's POST retry is off)");
        assertArrayEquals(before, Files.readAllBytes(credentials));
        assertTrue(r.took().compareTo(Duration.ofSeconds(17)) < 0, "took " + r.took());
        System.out.printf(
                "sts-faults (own JVM, real Main): %-38s exit 6 in %5d ms including JVM start, 1 call, file unchanged: %s%n",
                name, r.took().toMillis(), r.err().strip());
    }

    private List<String> files() throws Exception {
        try (Stream<Path> s = Files.walk(home)) {
            return s.filter(Files::isRegularFile)
                    .map(p -> home.relativize(p).toString())
                    .sorted()
                    .toList();
        }
    }
}
