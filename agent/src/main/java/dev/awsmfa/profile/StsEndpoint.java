package dev.awsmfa.profile;

import java.net.URI;

/** The STS endpoint in use and which setting chose it; {@code configured} is false for the regional default. */
public record StsEndpoint(URI uri, String origin, boolean configured) {
    @Override
    public String toString() {
        return uri + " (" + origin + ")";
    }
}
