package dev.awsmfa.renew;

import dev.awsmfa.profile.StsEndpoint;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** A done renewal: which profiles got the session, where it was written, until when, through which endpoint. */
public record Renewal(List<String> profiles, Path file, Instant expiration, StsEndpoint endpoint,
                      boolean created, boolean tightened) {}
