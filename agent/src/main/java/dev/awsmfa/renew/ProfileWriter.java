package dev.awsmfa.renew;

import dev.awsmfa.credentials.CredentialsFile;
import dev.awsmfa.credentials.CredentialsFileException;
import dev.awsmfa.credentials.CredentialsWriter;
import dev.awsmfa.credentials.SessionCredentials;
import dev.awsmfa.profile.ManagedProfile;
import dev.awsmfa.renew.RenewFailure.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@link CredentialsWriter} (the whole write path) in renewal terms: profiles, failures, the result. */
final class ProfileWriter implements AutoCloseable {
    private final CredentialsWriter out;
    private final List<ManagedProfile> written = new ArrayList<>();
    private final List<SessionCredentials> values = new ArrayList<>();

    ProfileWriter(CredentialsFile file, Duration settle, Duration quietSettle) {
        this.out = new CredentialsWriter(file, settle, quietSettle);
    }

    void check(List<ManagedProfile> profiles) throws RenewFailure {
        try {
            out.check(profiles.stream().map(ManagedProfile::name).toList());
        } catch (CredentialsFileException e) {
            throw new RenewFailure(Reason.FILE, e.getMessage() + "; nothing was sent to AWS");
        }
    }

    void write(ManagedProfile p, SessionCredentials creds) throws RenewFailure {
        try {
            out.write(p.name(), creds);
        } catch (CredentialsFileException e) {
            throw new RenewFailure(Reason.FILE, e.getMessage());
        }
        written.add(p);
        values.add(creds);
    }

    boolean nothingWritten() {
        return written.isEmpty();
    }

    Renewal finish(ManagedProfile device) throws RenewFailure {
        try {
            out.confirm();
        } catch (CredentialsFileException e) {
            throw new RenewFailure(Reason.FILE, e.getMessage());
        }
        Instant until = values.stream()
                .map(SessionCredentials::expiration)
                .min(Instant::compareTo)
                .orElseThrow();
        List<Renewal.Written> each = new ArrayList<>();
        for (int i = 0; i < written.size(); i++) {
            each.add(new Renewal.Written(written.get(i).name(), values.get(i).expiration()));
        }
        return new Renewal(each, out.target(), until, device.endpoint(), out.created(), out.tightened());
    }

    @Override
    public void close() {
        out.close();
    }
}
