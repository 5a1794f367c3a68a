package dev.awsmfa.renew;

import dev.awsmfa.credentials.CredentialsFile;
import dev.awsmfa.credentials.CredentialsFileException;
import dev.awsmfa.credentials.SessionCredentials;
import dev.awsmfa.profile.IniFile;
import dev.awsmfa.profile.ManagedProfile;
import dev.awsmfa.profile.ProfileCatalog;
import dev.awsmfa.profile.ProfileException;
import dev.awsmfa.prompt.CodeAttempt;
import dev.awsmfa.prompt.CodePrompt;
import dev.awsmfa.prompt.CodeRequest;
import dev.awsmfa.prompt.MfaCode;
import dev.awsmfa.prompt.PromptException;
import dev.awsmfa.renew.RenewFailure.Reason;
import dev.awsmfa.sts.StsFailure;
import dev.awsmfa.sts.StsSessions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One renewal: one code from the prompt, one GetSessionToken for the device, and the session written
 * into each profile of the group. A code goes to STS at most once; a rejected one asks for the next.
 */
public final class Renewer {

    /** A duration override, the time left to show in the prompt, and the pause before checking for clobbering. */
    public record Options(OptionalInt durationSeconds, Optional<Duration> timeLeft, Duration settle) {
        public static Options standard() {
            return new Options(OptionalInt.empty(), Optional.empty(), Duration.ofMillis(150));
        }
    }

    private final StsSessions sts;

    public Renewer(StsSessions sts) {
        this.sts = sts;
    }

    public static ManagedProfile resolve(ProfileCatalog catalog, String name) throws RenewFailure {
        try {
            return catalog.resolve(name);
        } catch (ProfileException e) {
            throw new RenewFailure(Reason.CONFIG, e.getMessage());
        }
    }

    /** Renews every profile of {@code group}, which must share one MFA device, with one code. */
    public Renewal renew(Path credentialsPath, List<ManagedProfile> group, CodePrompt prompt, Options options)
            throws RenewFailure {
        ManagedProfile first = group.get(0);
        int duration;
        try {
            duration = ProfileCatalog.checkDuration(first.name(), options.durationSeconds().orElse(first.durationSeconds()));
        } catch (ProfileException e) {
            throw new RenewFailure(Reason.CONFIG, e.getMessage());
        }
        CodeRequest request = new CodeRequest(group.stream().map(ManagedProfile::name).toList(), first.mfaSerial(),
                options.timeLeft(), Optional.empty());
        Attempt attempt = new Attempt(first, duration);
        boolean answered;
        try {
            answered = prompt.ask(request, attempt);
        } catch (PromptException e) {
            throw new RenewFailure(Reason.CANCELLED, e.getMessage());
        }
        if (attempt.session != null) {
            return write(credentialsPath, group, attempt.session, options.settle(), first);
        }
        if (!answered || attempt.failure == null) {
            throw new RenewFailure(Reason.CANCELLED, "no MFA code given; nothing was changed");
        }
        throw attempt.failure;
    }

    /** Checks a code's format, then sends it to STS once; remembers the session or the last failure. */
    private final class Attempt implements CodeAttempt {
        private final ManagedProfile profile;
        private final int duration;
        SessionCredentials session;
        RenewFailure failure;

        Attempt(ManagedProfile profile, int duration) {
            this.profile = profile;
            this.duration = duration;
        }

        @Override
        public Verdict submit(String raw) {
            String code = MfaCode.normalize(raw);
            if (code == null) {
                failure = new RenewFailure(Reason.BAD_CODE_FORMAT, MfaCode.RULE + "; nothing was sent to AWS, try again");
                return new Verdict.TryAgain(MfaCode.RULE + ".");
            }
            try {
                session = sts.getSessionToken(profile, code, duration);
                return new Verdict.Accepted();
            } catch (StsFailure f) {
                failure = new RenewFailure(reasonOf(f.kind()), f.getMessage());
                return f.kind() == StsFailure.Kind.WRONG_CODE
                        ? new Verdict.TryAgain("That code was wrong or already used (each code works once). Wait for the next code.")
                        : new Verdict.GiveUp(f.getMessage());
            }
        }
    }

    private Renewal write(Path credentialsPath, List<ManagedProfile> group, SessionCredentials session,
                          Duration settle, ManagedProfile first) throws RenewFailure {
        CredentialsFile file = new CredentialsFile(credentialsPath);
        try {
            CredentialsFile.WriteResult result = null;
            for (ManagedProfile p : group) {
                CredentialsFile.WriteResult r = file.write(p.name(), session);
                result = result == null ? r : new CredentialsFile.WriteResult(r.target(), result.created(),
                        result.tightened() || r.tightened());
            }
            confirm(file, group, session, settle);
            return new Renewal(group.stream().map(ManagedProfile::name).toList(), result.target(),
                    session.expiration(), first.endpoint(), result.created(), result.tightened());
        } catch (CredentialsFileException e) {
            throw new RenewFailure(Reason.FILE, e.getMessage());
        }
    }

    /**
     * The AWS CLI rewrites the file in place without a lock; if it read the file just before our rename, its
     * write drops our keys. Look once more after a moment and put them back if they went missing.
     */
    private void confirm(CredentialsFile file, List<ManagedProfile> group, SessionCredentials session, Duration settle)
            throws CredentialsFileException {
        for (int round = 0; round < 3 && !settle.isZero(); round++) {
            sleep(settle);
            boolean missing = false;
            for (ManagedProfile p : group) {
                if (!holds(file, p.name(), session)) {
                    missing = true;
                    file.write(p.name(), session);
                }
            }
            if (!missing) {
                return;
            }
        }
    }

    private static boolean holds(CredentialsFile file, String profile, SessionCredentials session) {
        try {
            IniFile.Section s = IniFile.read(file.resolveTarget()).section(profile);
            return s != null && session.accessKeyId().equals(s.get("aws_access_key_id"))
                    && session.sessionToken().equals(s.get("aws_session_token"));
        } catch (ProfileException | CredentialsFileException e) {
            return true; // a file we cannot read now is not ours to fix here; the next renewal reports it
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Reason reasonOf(StsFailure.Kind kind) {
        return switch (kind) {
            case WRONG_CODE -> Reason.CODE_REJECTED;
            case THROTTLED, UNREACHABLE, SERVICE_ERROR -> Reason.STS_UNAVAILABLE;
            default -> Reason.STS_REJECTED;
        };
    }
}
