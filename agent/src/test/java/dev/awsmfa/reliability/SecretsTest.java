package dev.awsmfa.reliability;

import static dev.awsmfa.testing.ExampleUser.KEY;
import static dev.awsmfa.testing.ExampleUser.SECRET;
import static dev.awsmfa.testing.ExampleUser.SERIAL;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awsmfa.testing.CliRun;
import dev.awsmfa.testing.Fault;
import dev.awsmfa.testing.StsStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5, item 5: across every scenario (successes, each failure, status, with and without AWS_MFA_AGENT_DEBUG=1)
 * nothing the program emits holds a secret: stdout, stderr, every file it leaves in the home folder (logs,
 * caches) other than the credentials file itself, and the argv of every process it starts (strace -f -e
 * trace=execve on the real program in its own JVM). Secrets: the long-term secret keys (including a wrong one
 * and another section's), every secret and session token STS issued (also those whose reply was lost), and
 * every MFA code typed (valid, wrong, malformed). STS error texts that quote secrets must not be passed through.
 *
 * <p>The access key id is not a secret (AWS prints it in errors too) and may appear. The tray agent's
 * notifications are covered with the tray (docs/RELIABILITY.md).
 */
class SecretsTest {

    static final String WRONG_SECRET = "Zq8vT0pW3xL1nB7cR5yK2mH9dF6gJ4sA0eU8iO1x";
    static final String DEV_LONG_TERM_SECRET = "Mk3pQ9wE2rT7yU1iO5pA8sD4fG6hJ0kL3zX9cV7b";
    static final String OTHER_SERIAL = "arn:aws:iam::123456789012:mfa/mallory";

    @TempDir
    Path home;

    StsStub sts;
    StsStub.User user;
    Path config;
    Path credentials;
    String goodConfig;
    String goodCredentials;
    int codeSeq = 0;
    final Set<String> secrets = new LinkedHashSet<>();
    final Set<String> codes = new LinkedHashSet<>();
    /** label -> text emitted. */
    final Map<String, String> emitted = new LinkedHashMap<>();

    int runs;
    String sessionTail = "";

    @BeforeEach
    void setUp() throws Exception {
        sts = new StsStub();
        user = sts.addUser(KEY, SECRET, SERIAL);
        Path aws = Files.createDirectories(home.resolve(".aws"));
        Files.createDirectories(home.resolve("tmp"));
        config = aws.resolve("config");
        credentials = aws.resolve("credentials");
        goodConfig = "[profile base]\nregion = eu-west-1\n\n[profile dev]\nsource_profile = base\nmfa_serial = "
                + SERIAL + "\n";
        goodCredentials = "[base]\naws_access_key_id = " + KEY + "\naws_secret_access_key = " + SECRET + "\n";
        Files.writeString(config, goodConfig);
        Files.writeString(credentials, goodCredentials);
        secrets.addAll(List.of(SECRET, WRONG_SECRET, DEV_LONG_TERM_SECRET));
    }

    @AfterEach
    void tearDown() {
        sts.close();
    }

    /** A fresh valid code, remembered as a secret. */
    String code() {
        String c;
        do {
            c = String.format("%06d", (731_902 + 7919L * ++codeSeq) % 900_000 + 100_000);
        } while ("123456789012".contains(c)); // the account id is printed, and is no code
        sts.acceptCodes(c);
        codes.add(c);
        return c;
    }

    String typed(String c) {
        codes.add(c);
        return c;
    }

    CliRun cli(boolean debug) {
        CliRun cli = new CliRun(home);
        cli.useSts(sts);
        if (debug) {
            cli.env.put("AWS_MFA_AGENT_DEBUG", "1");
        }
        return cli;
    }

    void record(String label, CliRun.Result r, int expectedExit) {
        runs++;
        emitted.put(label + " [stdout]", r.out());
        emitted.put(label + " [stderr]", r.err());
        assertEquals(expectedExit, r.exit(), label + ": " + r.all());
    }

    /** Good files again, with the last session written (status then has something to show), no fault, key active. */
    void restore() throws Exception {
        Files.writeString(config, goodConfig);
        Files.writeString(credentials, goodCredentials + sessionTail);
        sts.clearFaults();
        user.activate();
    }

    /** After a successful renew: remember the session section it wrote. */
    void keepSession() throws Exception {
        sessionTail = Files.readString(credentials).substring(goodCredentials.length());
    }

    @Test
    @DisplayName(
            "no secret key, session token or MFA code in anything the program prints, writes (but the credentials) or passes to a helper")
    void nothingEmittedHoldsASecret() throws Exception {
        String issuedToken = null;
        for (boolean debug : new boolean[] {false, true}) {
            String d = debug ? " (AWS_MFA_AGENT_DEBUG=1)" : "";
            restore();
            record("renew ok" + d, cli(debug).run("renew", "-p", "dev", "--code", code()), 0);
            issuedToken = sts.issued().get(sts.issued().size() - 1).token();
            CliRun viaStdin = cli(debug);
            viaStdin.stdin = code() + "\n";
            record("renew ok, code on stdin" + d, viaStdin.run("renew", "-p", "dev"), 0);
            keepSession();
            record("status" + d, cli(debug).run("status"), 0);
            record(
                    "renew, the used code again" + d,
                    cli(debug)
                            .run(
                                    "renew",
                                    "-p",
                                    "dev",
                                    "--code",
                                    codes.iterator().next()),
                    4);
            record("renew, a wrong code" + d, cli(debug).run("renew", "-p", "dev", "--code", typed("559017")), 4);
            record("renew, 5 digits" + d, cli(debug).run("renew", "-p", "dev", "--code", typed("88213")), 2);
            record("renew, letters" + d, cli(debug).run("renew", "-p", "dev", "--code", typed("4x9z1q")), 2);
            CliRun badStdin = cli(debug);
            badStdin.stdin = typed("55901") + "\n";
            record("renew, 5 digits on stdin" + d, badStdin.run("renew", "-p", "dev"), 2);

            Files.writeString(config, goodConfig.replace(SERIAL, OTHER_SERIAL));
            record("renew, another user's MFA device" + d, cli(debug).run("renew", "-p", "dev", "--code", code()), 5);
            restore();
            user.deactivate();
            record("renew, deactivated key" + d, cli(debug).run("renew", "-p", "dev", "--code", code()), 5);
            restore();
            Files.writeString(credentials, Files.readString(credentials).replace(SECRET, WRONG_SECRET));
            record("renew, wrong secret" + d, cli(debug).run("renew", "-p", "dev", "--code", code()), 5);
            restore();

            Map<String, Fault> faults = new LinkedHashMap<>();
            faults.put("throttling", Fault.throttling());
            faults.put("HTTP 500", Fault.internalFailure());
            faults.put("HTTP 503", Fault.serviceUnavailable());
            faults.put("slow reply", Fault.delay(Duration.ofSeconds(6)));
            faults.put("connection reset", Fault.reset());
            faults.put("reply lost after the code was spent", Fault.consumeThenDrop());
            // Error texts that quote secrets (no real STS does; a proxy or a future error might): never passed through.
            String quoting = " secret=" + SECRET + " token=" + issuedToken + " code="
                    + codes.iterator().next();
            faults.put("unknown error quoting secrets", Fault.error(400, "WeirdError", "Something odd." + quoting));
            faults.put("HTTP 500 quoting secrets", Fault.error(500, "InternalFailure", "Boom." + quoting));
            faults.put("AccessDenied quoting secrets", Fault.error(403, "AccessDenied", "Not allowed." + quoting));
            faults.put(
                    "ValidationError quoting secrets", Fault.error(400, "ValidationError", "Bad duration." + quoting));
            faults.put("Throttling quoting secrets", Fault.error(400, "Throttling", "Rate exceeded." + quoting));
            for (Map.Entry<String, Fault> f : faults.entrySet()) {
                sts.failNext(f.getValue());
                CliRun.Result r = cli(debug).run("renew", "-p", "dev", "--code", code());
                runs++;
                emitted.put("renew, " + f.getKey() + d + " [stdout]", r.out());
                emitted.put("renew, " + f.getKey() + d + " [stderr]", r.err());
                assertTrue(r.exit() >= 5 && r.exit() <= 6, f.getKey() + ": " + r.all());
                restore();
            }

            Files.writeString(credentials, goodCredentials + "aws_secret_access_key " + SECRET + "\n");
            record(
                    "renew, the secret on a line without '='" + d,
                    cli(debug).run("renew", "-p", "dev", "--code", code()),
                    3);
            byte[] latin1 = (goodCredentials.replace(SECRET, SECRET + "\u00e9"))
                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            Files.write(credentials, latin1);
            record(
                    "renew, invalid UTF-8 on the secret's line" + d,
                    cli(debug).run("renew", "-p", "dev", "--code", code()),
                    3);
            Files.writeString(
                    credentials,
                    goodCredentials + "\n[dev]\naws_access_key_id = AKIADEVLONGTERMEXAMPLE\naws_secret_access_key = "
                            + DEV_LONG_TERM_SECRET + "\n");
            record("renew, [dev] holds long-term keys" + d, cli(debug).run("renew", "-p", "dev", "--code", code()), 7);
            Files.writeString(
                    config, goodConfig + "\n[profile broken]\nsource_profile = ghost\nmfa_serial = " + SERIAL + "\n");
            record("status with a broken profile" + d, cli(debug).run("status"), 0);
            restore();
        }

        // What ran in-process is judged before the part that needs strace (skipped without it, outside CI).
        collectIssued();
        assertEquals(List.of(), leaks(), "in-process runs");

        // The real program in its own JVM, under strace: stdout, stderr and the argv of every process it starts.
        Strace.require();
        int helpers = 0;
        int traced = 0;
        Map<String, String> env = Map.of(
                "AWS_CONFIG_FILE",
                config.toString(),
                "AWS_SHARED_CREDENTIALS_FILE",
                credentials.toString(),
                "AWS_ENDPOINT_URL_STS",
                sts.endpoint().toString());
        record Child(String label, List<String> args, String stdin, Fault fault, int exit) {}
        List<Child> children = List.of(
                new Child("own JVM: renew ok", List.of("renew", "-p", "dev"), code(), null, 0),
                new Child("own JVM: renew, wrong code", List.of("renew", "-p", "dev"), typed("559018"), null, 4),
                new Child(
                        "own JVM: renew, reply lost",
                        List.of("renew", "-p", "dev"),
                        code(),
                        Fault.consumeThenDrop(),
                        6),
                new Child(
                        "own JVM: renew, error quoting secrets",
                        List.of("renew", "-p", "dev"),
                        code(),
                        Fault.error(400, "WeirdError", "Odd. secret=" + SECRET + " token=" + issuedToken),
                        5),
                new Child("own JVM: status", List.of("status"), "", null, 0),
                new Child("own JVM: --help", List.of("--help"), "", null, 0));
        for (Child c : children) {
            restore();
            if (c.fault() != null) {
                sts.failNext(c.fault());
            }
            Path log = home.resolve("tmp").resolve("execve-" + traced++ + ".strace");
            List<String> cmd = Strace.wrap(
                    log,
                    "execve",
                    ChildJvm.command(home, "dev.awsmfa.cli.Main", c.args().toArray(String[]::new)));
            ChildJvm.Result r =
                    ChildJvm.run(ChildJvm.builder(cmd, home, env), c.stdin() + "\n", Duration.ofSeconds(120));
            runs++;
            emitted.put(c.label() + " [stdout]", r.out());
            emitted.put(c.label() + " [stderr]", r.err());
            assertEquals(c.exit(), r.exit(), c.label() + ": " + r.out() + r.err());
            List<String> execs = execs(log);
            assertTrue(
                    !execs.isEmpty() && execs.get(0).startsWith(ChildJvm.java()), "strace saw the JVM start: " + execs);
            helpers += Math.max(0, execs.size() - 1); // the first is the JVM we started
            emitted.put(c.label() + " [argv of started processes]", String.join("\n", execs));
            emitted.put(c.label() + " [the whole execve trace]", Files.readString(log));
        }

        // Every file left in the home folder, but the credentials file (which holds the session by design).
        List<String> fileNames = new ArrayList<>();
        try (Stream<Path> s = Files.walk(home)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                if (p.equals(credentials) || p.getFileName().toString().endsWith(".strace")) {
                    continue;
                }
                fileNames.add(home.relativize(p).toString());
                emitted.put("file " + home.relativize(p), new String(Files.readAllBytes(p), UTF_8));
            }
        }

        collectIssued();
        List<String> leaks = leaks();
        long bytes = emitted.values().stream().mapToLong(t -> mask(t).length()).sum();
        System.out.printf(
                "secrets: %d runs (%d in-process incl. AWS_MFA_AGENT_DEBUG=1, %d real program under strace), "
                        + "%d texts scanned (stdout, stderr, the files left in the home %s, the execve traces: %d helper processes), %d chars; "
                        + "%d secrets (%d long-term keys, %d issued secrets and tokens) and %d MFA codes looked for; %d found%n",
                runs,
                runs - children.size(),
                children.size(),
                emitted.size(),
                fileNames,
                helpers,
                bytes,
                secrets.size(),
                3,
                secrets.size() - 3,
                codes.size(),
                leaks.size());
        assertEquals(List.of(), leaks);
    }

    private void collectIssued() {
        for (StsStub.IssuedCredentials issued : sts.issued()) {
            secrets.add(issued.secret());
            secrets.add(issued.token());
        }
    }

    /** Where a secret or a code shows up in what was emitted so far (named, never quoted). */
    private List<String> leaks() {
        List<String> leaks = new ArrayList<>();
        for (Map.Entry<String, String> e : emitted.entrySet()) {
            String text = mask(e.getValue());
            for (String secret : secrets) {
                if (text.contains(secret)) {
                    leaks.add(e.getKey() + " holds a secret key or token (" + secret.substring(0, 4) + "...)");
                }
            }
            for (String code : codes) {
                if (text.contains(code)) {
                    leaks.add(e.getKey() + " holds the MFA code " + code);
                }
            }
        }
        return leaks;
    }

    /** Removes what varies and is not secret, but could collide with a 5- or 6-digit code: paths, ports, pids, addresses. */
    private String mask(String text) {
        return text.replace(home.toString(), "HOME")
                .replaceAll("127\\.0\\.0\\.1:\\d+", "127.0.0.1:PORT")
                .replaceAll("(?m)^\\d+ ", "")
                .replaceAll("0x[0-9a-f]+", "0x")
                .replaceAll("pid \\d+", "pid N");
    }

    /** The argv of every successful execve in the strace log, in order. */
    private static List<String> execs(Path log) throws Exception {
        List<String> out = new ArrayList<>();
        Pattern exec = Pattern.compile("execve\\(\"([^\"]*)\", \\[(.*?)\\]");
        for (String line : Files.readAllLines(log)) {
            Matcher m = exec.matcher(line);
            if (m.find() && !line.contains("= -1 ")) { // not the failed tries along PATH
                out.add(m.group(1) + " " + m.group(2));
            }
        }
        return out;
    }
}
