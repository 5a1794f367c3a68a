package dev.awsmfa.reliability;

import static dev.awsmfa.testing.ExampleUser.KEY;
import static dev.awsmfa.testing.ExampleUser.SECRET;
import static dev.awsmfa.testing.ExampleUser.SERIAL;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.awsmfa.testing.CliRun;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Something other than STS answers (a captive portal, a proxy's error page, a server that does not do POST): a
 * network problem, exit 6, in one line that says what came back; never "internal error", nothing written.
 */
class NotStsReplyTest {

    @TempDir
    Path home;

    HttpServer server;
    final AtomicInteger requests = new AtomicInteger();
    int status;
    String contentType;
    String body;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            byte[] bytes = body.getBytes(UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        Path aws = Files.createDirectories(home.resolve(".aws"));
        Files.writeString(aws.resolve("config"), "[profile dev]\nsource_profile = jane\nmfa_serial = " + SERIAL + "\n");
        Files.writeString(
                aws.resolve("credentials"),
                "[jane]\naws_access_key_id = " + KEY + "\naws_secret_access_key = " + SECRET + "\n");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            captive portal | 200 | text/html; charset=utf-8 | <!DOCTYPE html><html><head><title>Hotel WiFi: sign in</title></head><body>Accept the terms</body></html> | HTML page (HTTP 200, "Hotel WiFi: sign in")
            HTTP 501 | 501 | text/html | <html><head><title>501 Not Implemented</title></head><body>POST not supported</body></html> | HTML page (HTTP 501, "501 Not Implemented")
            proxy error page | 502 | text/html | <html><body><h1>Bad Gateway</h1>The proxy could not connect</body></html> | HTML page (HTTP 502)
            proxy refusal | 403 | text/html | <html><head><title>ERROR: Access Denied</title></head><body>squid</body></html> | HTML page (HTTP 403, "ERROR: Access Denied")
            plain text | 200 | text/plain | hello | a reply of type text/plain (HTTP 200)
            other XML | 200 | application/xml | <feed><title>news</title></feed> | a reply of type application/xml (HTTP 200)
            empty 200 | 200 | text/html | '' | an empty reply (HTTP 200)
            page echoing the code | 400 | text/html | <html><head><title>Bad request TokenCode=907531</title></head></html> | HTML page (HTTP 400, "Bad request TokenCode=******")
            """)
    @DisplayName("a reply that is not an STS document is a network problem, said in one line")
    void notSts(String name, int status, String contentType, String body, String says) throws Exception {
        this.status = status;
        this.contentType = contentType;
        this.body = body;
        Path credentials = home.resolve(".aws/credentials");
        byte[] before = Files.readAllBytes(credentials);
        CliRun cli = new CliRun(home);
        cli.env.put(
                "AWS_ENDPOINT_URL_STS",
                "http://127.0.0.1:" + server.getAddress().getPort());
        CliRun.Result r = cli.run("renew", "-p", "dev", "--code", "907531");
        assertEquals(6, r.exit(), r.all());
        String[] lines = r.err().strip().split("\n");
        assertEquals(1, lines.length, r.err());
        assertTrue(lines[0].contains(says), lines[0]);
        assertTrue(lines[0].contains("next code"), lines[0]);
        assertFalse(r.all().toLowerCase().contains("internal error"), r.all());
        assertFalse(r.all().contains("907531"), "the code is never echoed: " + r.all());
        assertEquals(1, requests.get(), "sent once");
        assertArrayEquals(before, Files.readAllBytes(credentials));
    }
}
