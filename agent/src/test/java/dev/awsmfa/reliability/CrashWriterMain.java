package dev.awsmfa.reliability;

import dev.awsmfa.credentials.CredentialsFile;
import dev.awsmfa.credentials.SessionCredentials;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;

/**
 * A writer process for the crash test: renews {@code SECTION} in {@code FILE} over and over through the real
 * {@link CredentialsFile#write}, each time with the next numbered set of credentials, and prints "W n" after
 * write n returned. The test kills it with SIGKILL at random moments.
 *
 * <p>Usage: {@code CrashWriterMain FILE SECTION FIRST [COUNT]} (COUNT absent: until killed). With FIRST
 * {@code wait}, it first warms up (one write to a scratch file, so class loading is done), prints "R", and waits
 * for a line "go FIRST" on stdin: the test keeps a few writers warm while it kills the current one.
 */
public final class CrashWriterMain {
    private static final Instant BASE = Instant.parse("2031-01-01T00:00:00Z");

    private CrashWriterMain() {}

    /**
     * Set n: all four values carry n, and their lengths vary with n, so a file mixing two sets, or holding
     * part of one, is told apart from a complete set.
     */
    static SessionCredentials set(long n) {
        String pad = "x".repeat((int) (n % 97));
        return new SessionCredentials(
                String.format("ASIACRASH%011d", n),
                "crash-secret-" + n + "/" + pad + "+Z",
                "crash-token-" + n + "+/" + pad + "==",
                BASE.plusSeconds(60 * n));
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        String section = args[1];
        long n;
        if (args[2].equals("wait")) {
            Path scratch = Files.createTempDirectory("warm-up");
            new CredentialsFile(scratch.resolve("credentials")).write(section, set(0));
            try (Stream<Path> s = Files.list(scratch)) {
                for (Path p : s.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(scratch);
            System.out.println("R");
            String go = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (go == null || !go.startsWith("go ")) {
                return;
            }
            n = Long.parseLong(go.substring(3).strip());
        } else {
            n = Long.parseLong(args[2]);
        }
        long last = args.length > 3 ? n + Long.parseLong(args[3]) - 1 : Long.MAX_VALUE;
        CredentialsFile credentials = new CredentialsFile(file);
        for (; n <= last; n++) {
            credentials.write(section, set(n));
            System.out.println("W " + n);
        }
    }
}
