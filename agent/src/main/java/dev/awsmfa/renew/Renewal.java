package dev.awsmfa.renew;

import dev.awsmfa.profile.StsEndpoint;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** A done renewal: which profiles got credentials until when, where they were written, through which endpoint. */
public record Renewal(List<Written> written, Path file, Instant expiration, StsEndpoint endpoint,
                      boolean created, boolean tightened) {

    public record Written(String profile, Instant expiration) {}

    public List<String> profiles() {
        return written.stream().map(Written::profile).toList();
    }
}
