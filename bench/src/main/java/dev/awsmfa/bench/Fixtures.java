package dev.awsmfa.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The same layout as bench/lib/fixtures.py: N managed profiles in the standard spelling, profile devNNNN with
 * its own source userNNNN (long-term keys) and device, and a session in credentials [devNNNN] that ends in
 * six hours. With N = 1000 the credentials file holds 2,000 sections.
 */
final class Fixtures {
    private Fixtures() {}

    static void write(Path dir, int n, Instant expires) throws IOException {
        Files.createDirectories(dir);
        StringBuilder config = new StringBuilder("[default]\nregion = us-east-1\noutput = json\n\n");
        StringBuilder creds = new StringBuilder();
        String token = "FwoGZXIvYXdzEXAMPLE".repeat(20);
        String exp = expires.truncatedTo(ChronoUnit.SECONDS).toString();
        for (int i = 1; i <= n; i++) {
            String user = name("user", i);
            String dev = name("dev", i);
            config.append("[profile ").append(user).append("]\nregion = us-east-1\n\n");
            config.append("[profile ").append(dev).append("]\nsource_profile = ").append(user)
                    .append("\nmfa_serial = arn:aws:iam::123456789012:mfa/").append(user)
                    .append("\nduration_seconds = 43200\n\n");
            creds.append('[').append(user).append("]\naws_access_key_id = AKIAEXAMPLE").append(String.format("%09d", i))
                    .append("\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY").append(i % 100).append("\n\n");
            creds.append('[').append(dev).append("]\naws_access_key_id = ASIAEXAMPLE").append(String.format("%09d", i))
                    .append("\naws_secret_access_key = sessionSecretEXAMPLE").append(i % 100).append("xxxxxxxxxxxxxxxxxxxx")
                    .append("\naws_session_token = ").append(token).append(i % 100)
                    .append("\naws_session_expiration = ").append(exp).append("\n\n");
        }
        Files.writeString(dir.resolve("config"), config, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("credentials"), creds, StandardCharsets.UTF_8);
    }

    static String name(String prefix, int i) {
        return prefix + String.format("%04d", i);
    }

    static void deleteTree(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
