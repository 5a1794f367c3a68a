package dev.awsmfa.sts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.awsmfa.credentials.SessionCredentials;
import dev.awsmfa.profile.Layout;
import dev.awsmfa.profile.LongTermKeys;
import dev.awsmfa.profile.ManagedProfile;
import dev.awsmfa.profile.StsEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the real SDK client of {@link StsSessions} puts on the wire, seen by a loopback server: the SigV4 scope
 * (region and service) for each kind of region, and TLS: a server the JVM does not trust gets no request (the
 * code is never sent), one it trusts gets the call.
 */
class StsSessionsWireTest {

    private static final Pattern SCOPE = Pattern.compile("Credential=AKIAEXAMPLE/\\d{8}/([^/]+)/([^/]+)/aws4_request");
    private static final String REPLY = "<GetSessionTokenResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
            + "<GetSessionTokenResult><Credentials><AccessKeyId>ASIAEXAMPLE</AccessKeyId>"
            + "<SecretAccessKey>secret</SecretAccessKey><SessionToken>token</SessionToken>"
            + "<Expiration>2030-01-02T03:04:05Z</Expiration></Credentials></GetSessionTokenResult>"
            + "<ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetSessionTokenResponse>";

    /** Requests seen: the Authorization and Host headers. */
    private record Seen(String authorization, String host) {}

    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @ParameterizedTest
    @CsvSource({"us-east-1", "eu-west-1", "cn-north-1", "us-gov-west-1", "aws-global", "ap-southeast-7"})
    @DisplayName("signs for the profile's region and the sts service, whatever the endpoint")
    void signsForTheProfilesRegion(String region) throws Exception {
        URI endpoint = start(HttpServer.create(loopback(), 0), "http");

        SessionCredentials c = sessions().getSessionToken(profile(region, endpoint), "123456", 3600);

        assertEquals("ASIAEXAMPLE", c.accessKeyId());
        assertEquals(1, seen.size());
        Matcher m = SCOPE.matcher(seen.get(0).authorization());
        assertTrue(m.find(), seen.get(0).authorization());
        assertEquals(region, m.group(1));
        assertEquals("sts", m.group(2));
        assertEquals(endpoint.getAuthority(), seen.get(0).host());
    }

    @ParameterizedTest
    @CsvSource({"aws.useFipsEndpoint", "aws.useDualstackEndpoint"})
    @DisplayName(
            "FIPS or dual-stack asked for (AWS_USE_FIPS_ENDPOINT=true, ...): refused, as the SDK's rules refuse an "
                    + "endpoint override with them, and nothing is sent to the plain endpoint")
    void fipsOrDualStackIsRefusedNotIgnored(String property) throws Exception {
        URI endpoint = start(HttpServer.create(loopback(), 0), "http");
        System.setProperty(property, "true");
        try {
            StsFailure failure = assertThrows(
                    StsFailure.class, () -> sessions().getSessionToken(profile("us-east-1", endpoint), "123456", 3600));

            assertEquals(StsFailure.Kind.UNREACHABLE, failure.kind());
            assertTrue(seen.isEmpty());
        } finally {
            System.clearProperty(property);
        }
    }

    @Test
    @DisplayName("an https endpoint whose certificate the JVM does not trust gets no request: the code is not sent")
    void untrustedCertificateSendsNothing(@TempDir Path dir) throws Exception {
        Tls tls = Tls.make(dir, "ip:127.0.0.1");
        HttpsServer https = HttpsServer.create(loopback(), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(tls.serverContext()));
        URI endpoint = start(https, "https");

        StsFailure failure = assertThrows(
                StsFailure.class, () -> sessions().getSessionToken(profile("us-east-1", endpoint), "123456", 3600));

        assertEquals(StsFailure.Kind.UNREACHABLE, failure.kind());
        assertFalse(failure.getMessage().contains("123456"), failure.getMessage());
        assertTrue(seen.isEmpty());
    }

    @Test
    @DisplayName(
            "an https endpoint the JVM's trust store holds gets the call: the deferred trust manager is the default one")
    void trustedCertificateGetsTheCall(@TempDir Path dir) throws Exception {
        SessionCredentials c = callTrusting(Tls.make(dir, "ip:127.0.0.1"));

        assertEquals("token", c.sessionToken());
        assertEquals(1, seen.size());
    }

    @Test
    @DisplayName("a trusted certificate for another host is refused: the host name check is still made")
    void trustedCertificateForAnotherHostSendsNothing(@TempDir Path dir) throws Exception {
        Tls tls = Tls.make(dir, "dns:sts.example.com");

        StsFailure failure = assertThrows(StsFailure.class, () -> callTrusting(tls));

        assertEquals(StsFailure.Kind.UNREACHABLE, failure.kind());
        assertTrue(seen.isEmpty());
    }

    /** One GetSessionToken over https to a loopback server whose certificate is the JVM trust store's only one. */
    private SessionCredentials callTrusting(Tls tls) throws Exception {
        HttpsServer https = HttpsServer.create(loopback(), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(tls.serverContext()));
        URI endpoint = start(https, "https");
        // The JVM-wide default context first, so it keeps the real trust store for the other tests in this JVM.
        SSLContext.getDefault();
        String store = System.getProperty("javax.net.ssl.trustStore");
        String password = System.getProperty("javax.net.ssl.trustStorePassword");
        System.setProperty("javax.net.ssl.trustStore", tls.trustStore().toString());
        System.setProperty("javax.net.ssl.trustStorePassword", Tls.PASSWORD);
        try {
            return sessions().getSessionToken(profile("us-east-1", endpoint), "123456", 3600);
        } finally {
            restore("javax.net.ssl.trustStore", store);
            restore("javax.net.ssl.trustStorePassword", password);
        }
    }

    private static void restore(String name, String value) {
        if (value == null) {
            System.clearProperty(name);
        } else {
            System.setProperty(name, value);
        }
    }

    private URI start(HttpServer s, String scheme) {
        s.createContext("/", exchange -> {
            seen.add(new Seen(
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Host")));
            exchange.getRequestBody().readAllBytes();
            byte[] body = REPLY.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/xml");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        s.start();
        server = s;
        return URI.create(scheme + "://127.0.0.1:" + s.getAddress().getPort());
    }

    private static InetSocketAddress loopback() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    private static StsSessions sessions() {
        return new StsSessions(
                new StsSessions.Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(10)));
    }

    private static ManagedProfile profile(String region, URI endpoint) {
        return new ManagedProfile(
                "dev",
                Layout.STANDARD,
                "jane",
                new LongTermKeys("AKIAEXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
                "arn:aws:iam::123456789012:mfa/jane",
                3600,
                region,
                new StsEndpoint(endpoint, "test", true),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    /** A self-signed certificate for 127.0.0.1, made by the JDK's keytool: the server's key store and a trust store. */
    private record Tls(Path keyStore, Path trustStore) {
        static final String PASSWORD = "changeit";

        /** {@code san}: the certificate's subject alternative name, e.g. ip:127.0.0.1. */
        static Tls make(Path dir, String san) throws IOException, InterruptedException {
            Path keys = dir.resolve("server.p12");
            Path cert = dir.resolve("server.pem");
            Path trust = dir.resolve("trust.jks");
            keytool(
                    "-genkeypair",
                    "-alias",
                    "stub",
                    "-keyalg",
                    "EC",
                    "-groupname",
                    "secp256r1",
                    "-dname",
                    "CN=stub",
                    "-ext",
                    "san=" + san,
                    "-validity",
                    "2",
                    "-keystore",
                    keys.toString(),
                    "-storetype",
                    "PKCS12",
                    "-storepass",
                    PASSWORD);
            keytool(
                    "-exportcert",
                    "-rfc",
                    "-alias",
                    "stub",
                    "-keystore",
                    keys.toString(),
                    "-storetype",
                    "PKCS12",
                    "-storepass",
                    PASSWORD,
                    "-file",
                    cert.toString());
            keytool(
                    "-importcert",
                    "-noprompt",
                    "-alias",
                    "stub",
                    "-file",
                    cert.toString(),
                    "-keystore",
                    trust.toString(),
                    "-storetype",
                    "JKS",
                    "-storepass",
                    PASSWORD);
            return new Tls(keys, trust);
        }

        SSLContext serverContext() throws Exception {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keyStore)) {
                ks.load(in, PASSWORD.toCharArray());
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, PASSWORD.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            return context;
        }

        private static void keytool(String... args) throws IOException, InterruptedException {
            Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
            List<String> command = new java.util.ArrayList<>(List.of(keytool.toString()));
            command.addAll(List.of(args));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("keytool " + args[0] + " failed: " + out);
            }
        }
    }
}
