package dev.awsmfa.renew;

import dev.awsmfa.profile.StsEndpoint;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A done renewal: which profiles got credentials until when, which of the group could not be renewed and why,
 * where they were written, through which endpoint. At least one profile was renewed.
 */
public record Renewal(
        List<Written> written,
        List<Failed> failed,
        Path file,
        Instant expiration,
        StsEndpoint endpoint,
        boolean created,
        boolean tightened) {

    public record Written(String profile, Instant expiration) {}

    /** A profile of the group that was not renewed; the message is one line with the fix. */
    public record Failed(String profile, RenewFailure.Reason reason, String message) {}

    public Renewal {
        written = List.copyOf(written);
        failed = List.copyOf(failed);
    }

    /** Everything renewed. */
    public Renewal(
            List<Written> written,
            Path file,
            Instant expiration,
            StsEndpoint endpoint,
            boolean created,
            boolean tightened) {
        this(written, List.of(), file, expiration, endpoint, created, tightened);
    }

    public Renewal withFailed(List<Failed> failures) {
        return new Renewal(written, failures, file, expiration, endpoint, created, tightened);
    }

    public List<String> profiles() {
        return written.stream().map(Written::profile).toList();
    }

    /** True when every profile of the group was renewed. */
    public boolean complete() {
        return failed.isEmpty();
    }
}
