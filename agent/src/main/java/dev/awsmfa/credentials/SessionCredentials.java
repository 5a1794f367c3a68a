package dev.awsmfa.credentials;

import java.time.Instant;

/** Temporary credentials from STS and when they end. Secrets never leave through toString. */
public record SessionCredentials(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration) {
    @Override
    public String toString() {
        return "SessionCredentials[" + accessKeyId + ", until " + expiration + ", secrets hidden]";
    }
}
