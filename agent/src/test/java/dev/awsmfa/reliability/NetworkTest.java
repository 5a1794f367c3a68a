package dev.awsmfa.reliability;

import static dev.awsmfa.testing.ExampleUser.KEY;
import static dev.awsmfa.testing.ExampleUser.SECRET;
import static dev.awsmfa.testing.ExampleUser.SERIAL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awsmfa.testing.StsStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5, item 6: {@code renew} and {@code status}, run as the real program (dev.awsmfa.cli.Main in its own JVM)
 * under {@code strace -f -e trace=connect}, connect nowhere but the STS endpoint: no EC2 metadata (169.254.169.254,
 * though no region is set), no DNS, no dorkbox update check (updates.dorkbox.com). The tray agent's own run is
 * tested with the tray (see docs/RELIABILITY.md).
 *
 * <p>The one local exception allowed is glibc asking the name service cache daemon over its UNIX socket
 * (/var/run/nscd/socket) when the JVM looks up the user at start; it is not a network connection, and it fails
 * harmlessly where nscd does not run. Any other connect() fails the test.
 */
class NetworkTest {

    static final String KEY2 = "AKIAI44QH8DHBEXAMPLE";
    static final String SECRET2 = "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY";
    static final String SERIAL2 = "arn:aws:iam::123456789012:mfa/john";
    static final Set<String> NSCD = Set.of("/var/run/nscd/socket", "/run/nscd/socket");
    static final Pattern CONNECT = Pattern.compile("connect\\(\\d+, \\{sa_family=(AF_\\w+)([^}]*)\\}");
    static final Pattern PORT = Pattern.compile("sin6?_port=htons\\((\\d+)\\)");
    static final Pattern ADDR4 = Pattern.compile("sin_addr=inet_addr\\(\"([^\"]+)\"\\)");
    static final Pattern ADDR6 = Pattern.compile("inet_pton\\(AF_INET6, \"([^\"]+)\"");
    static final Pattern UNIX_PATH = Pattern.compile("sun_path=\"([^\"]*)\"");

    @TempDir
    Path home;

    record Run(String name, List<String> args, String stdin, Map<String, String> env, int exit) {}

    @Test
    @DisplayName("renew and status connect to nothing but the STS endpoint (strace -f -e trace=connect)")
    void onlyTheStsEndpoint() throws Exception {
        Strace.require();
        try (StsStub sts = new StsStub()) {
            sts.addUser(KEY, SECRET, SERIAL);
            sts.addUser(KEY2, SECRET2, SERIAL2);
            sts.acceptCodes("731902", "270413");
            Path aws = Files.createDirectories(home.resolve(".aws"));
            Files.createDirectories(home.resolve("tmp"));
            Path config = aws.resolve("config");
            Path credentials = aws.resolve("credentials");
            // No region anywhere: the SDK would look it up in EC2 metadata if we let it.
            Files.writeString(
                    config,
                    "[profile base]\noutput = json\n\n[profile dev]\nsource_profile = base\nmfa_serial = " + SERIAL
                            + "\n\n[profile viaconfig]\nsource_profile = base2\nmfa_serial = " + SERIAL2
                            + "\nservices = local\n\n"
                            + "[services local]\nsts =\n  endpoint_url = " + sts.endpoint() + "\n");
            Files.writeString(
                    credentials,
                    "[base]\naws_access_key_id = " + KEY + "\naws_secret_access_key = " + SECRET + "\n"
                            + "[base2]\naws_access_key_id = " + KEY2 + "\naws_secret_access_key = " + SECRET2 + "\n");
            Map<String, String> files =
                    Map.of("AWS_CONFIG_FILE", config.toString(), "AWS_SHARED_CREDENTIALS_FILE", credentials.toString());
            Map<String, String> withEnvEndpoint = new LinkedHashMap<>(files);
            withEnvEndpoint.put("AWS_ENDPOINT_URL_STS", sts.endpoint().toString());
            List<Run> runs = List.of(
                    new Run(
                            "renew (endpoint from AWS_ENDPOINT_URL_STS)",
                            List.of("renew", "-p", "dev"),
                            "731902\n",
                            withEnvEndpoint,
                            0),
                    new Run(
                            "renew (endpoint from [services] in config)",
                            List.of("renew", "-p", "viaconfig"),
                            "270413\n",
                            files,
                            0),
                    new Run("renew with a wrong code", List.of("renew", "-p", "dev"), "559017\n", withEnvEndpoint, 4),
                    new Run("status", List.of("status"), "", files, 0));

            int port = sts.endpoint().getPort();
            Map<String, Integer> seen = new TreeMap<>();
            List<String> forbidden = new ArrayList<>();
            int connects = 0;
            for (Run run : runs) {
                Path log = home.resolve("connect-" + runs.indexOf(run) + ".strace");
                List<String> cmd = Strace.wrap(
                        log,
                        "connect",
                        ChildJvm.command(home, "dev.awsmfa.cli.Main", run.args().toArray(String[]::new)));
                ChildJvm.Result r =
                        ChildJvm.run(ChildJvm.builder(cmd, home, run.env()), run.stdin(), Duration.ofSeconds(120));
                assertEquals(run.exit(), r.exit(), run.name() + ": " + r.out() + r.err());
                for (String line : Files.readAllLines(log)) {
                    Matcher m = CONNECT.matcher(line);
                    if (!m.find()) {
                        continue;
                    }
                    connects++;
                    String family = m.group(1);
                    String where = switch (family) {
                        case "AF_INET" -> find(ADDR4, m.group(2)) + ":" + find(PORT, m.group(2));
                        case "AF_INET6" -> "[" + find(ADDR6, m.group(2)) + "]:" + find(PORT, m.group(2));
                        case "AF_UNIX" -> "unix:" + find(UNIX_PATH, m.group(2));
                        default -> family + m.group(2);
                    };
                    seen.merge(family + " " + where, 1, Integer::sum);
                    boolean toSts = where.equals("127.0.0.1:" + port) || where.equals("[::ffff:127.0.0.1]:" + port);
                    boolean nscd = family.equals("AF_UNIX") && NSCD.contains(where.substring("unix:".length()));
                    if (!toSts && !nscd) {
                        forbidden.add(run.name() + ": " + line.replaceFirst("^\\d+ +", ""));
                    }
                }
            }
            System.out.println("network: " + runs.size() + " runs of the real program (renew x3, status) under strace, "
                    + connects + " connect() calls: " + seen + " (STS stub at 127.0.0.1:" + port + "); not allowed: "
                    + forbidden.size() + (forbidden.isEmpty() ? "" : " " + forbidden));
            assertEquals(List.of(), forbidden, "connect() to anything but the STS endpoint");
            assertTrue(seen.keySet().stream().noneMatch(k -> k.contains("169.254.169.254")), "no EC2 metadata look-up");
            assertTrue(
                    seen.containsKey("AF_INET 127.0.0.1:" + port)
                            || seen.containsKey("AF_INET6 [::ffff:127.0.0.1]:" + port),
                    "the trace saw the STS connections: " + seen);
            assertEquals(3, sts.calls("GetSessionToken").size());
        }
    }

    @Test
    @DisplayName(
            "renew -p P sends the code to P's endpoint, the one it shows, even when another profile shares P's device")
    void theCodeGoesToTheEndpointShown() throws Exception {
        try (StsStub sts = new StsStub();
                java.net.ServerSocket other = new java.net.ServerSocket(0)) {
            sts.addUser(KEY, SECRET, SERIAL);
            sts.acceptCodes("731902");
            // [profile dev] (first in the file) uses another endpoint: a local port that answers nothing useful.
            String elsewhere = "http://127.0.0.1:" + other.getLocalPort();
            Path aws = Files.createDirectories(home.resolve(".aws"));
            Files.writeString(
                    aws.resolve("config"),
                    "[profile dev]\nsource_profile = base\nmfa_serial = " + SERIAL
                            + "\nendpoint_url = " + elsewhere + "\nduration_seconds = 3600\n\n"
                            + "[profile vpc]\nsource_profile = base\nmfa_serial = " + SERIAL + "\nendpoint_url = "
                            + sts.endpoint() + "\n");
            Files.writeString(
                    aws.resolve("credentials"),
                    "[base]\naws_access_key_id = " + KEY + "\naws_secret_access_key = " + SECRET + "\n");
            dev.awsmfa.testing.CliRun cli = new dev.awsmfa.testing.CliRun(home);
            dev.awsmfa.testing.CliRun.Result r = cli.run("renew", "-p", "vpc", "--code", "731902");
            System.out.println("network: renew -p vpc, whose device [profile dev] shares with another endpoint: exit "
                    + r.exit() + ", GetSessionToken calls at vpc's endpoint: "
                    + sts.calls("GetSessionToken").size() + "; "
                    + r.all().strip().replace('\n', ' '));
            assertTrue(r.out().contains("STS " + sts.endpoint()), "shows vpc's endpoint: " + r.out());
            assertEquals(0, r.exit(), "the code must go to the endpoint shown, vpc's: " + r.all());
            assertEquals(1, sts.calls("GetSessionToken").size());
            assertEquals(
                    "43200", sts.calls("GetSessionToken").get(0).param("DurationSeconds"), "vpc's duration, not dev's");
        }
    }

    private static String find(Pattern p, String s) {
        Matcher m = p.matcher(s);
        return m.find() ? m.group(1) : "?";
    }
}
