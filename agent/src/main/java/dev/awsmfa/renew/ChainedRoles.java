package dev.awsmfa.renew;

import dev.awsmfa.credentials.SessionCredentials;
import dev.awsmfa.credentials.StoredSession;
import dev.awsmfa.profile.IniFile;
import dev.awsmfa.profile.ManagedProfile;
import dev.awsmfa.profile.ProfileException;
import dev.awsmfa.renew.RenewFailure.Reason;
import dev.awsmfa.sts.Sts;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** The role-refresh path: chained roles assumed from their session profiles' live sessions, with no code. */
final class ChainedRoles {
    private final Sts sts;
    private final Clock clock;

    ChainedRoles(Sts sts, Clock clock) {
        this.sts = sts;
        this.clock = clock;
    }

    /**
     * Renews {@code roles} from the sessions in the file; a role's failure is recorded in {@code failed}.
     *
     * @throws RenewFailure with {@link Reason#NEEDS_CODE} when a session has ended and a code is needed
     */
    void refresh(Path credentialsPath, List<ManagedProfile> roles, ProfileWriter out, List<Renewal.Failed> failed)
            throws RenewFailure {
        IniFile file;
        try {
            file = IniFile.read(credentialsPath);
        } catch (ProfileException e) {
            throw new RenewFailure(Reason.CONFIG, e.getMessage());
        }
        for (ManagedProfile role : roles) {
            // A session about to end would give a role that ends with it: ask for a code instead.
            Optional<SessionCredentials> session =
                    StoredSession.live(file, role.source(), clock.instant().plus(StoredSession.ROLE_MARGIN));
            if (session.isEmpty()) {
                throw new RenewFailure(
                        Reason.NEEDS_CODE,
                        "the MFA session of '" + role.source() + "' has ended; "
                                + "renew it with a code: aws-mfa-agent renew -p " + role.source());
            }
            Renewer.each(
                    role,
                    failed,
                    () -> out.write(role, StsCalls.call(() -> sts.assumeRole(role, session, Optional.empty()))));
        }
    }
}
