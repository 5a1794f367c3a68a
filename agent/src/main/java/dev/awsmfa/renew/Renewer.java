package dev.awsmfa.renew;

import dev.awsmfa.credentials.CredentialsFile;
import dev.awsmfa.credentials.CredentialsFileException;
import dev.awsmfa.credentials.CredentialsWriter;
import dev.awsmfa.credentials.SessionCredentials;
import dev.awsmfa.credentials.StoredSession;
import dev.awsmfa.profile.IniFile;
import dev.awsmfa.profile.ManagedProfile;
import dev.awsmfa.profile.ProfileCatalog;
import dev.awsmfa.profile.ProfileException;
import dev.awsmfa.profile.RoleTarget;
import dev.awsmfa.profile.SessionDuration;
import dev.awsmfa.prompt.CodeAttempt;
import dev.awsmfa.prompt.CodePrompt;
import dev.awsmfa.prompt.CodeRequest;
import dev.awsmfa.prompt.HelperFailedException;
import dev.awsmfa.prompt.MfaCode;
import dev.awsmfa.prompt.PromptException;
import dev.awsmfa.prompt.TotpStep;
import dev.awsmfa.renew.RenewFailure.Reason;
import dev.awsmfa.sts.Sts;
import dev.awsmfa.sts.StsFailure;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Renews the profiles of one MFA device with as few codes as AWS allows: one code, one GetSessionToken,
 * the session written to each session profile, then AssumeRole from that session for each chained role
 * profile (no code). A direct role (AssumeRole with MFA) needs a code of its own; codes work once per
 * 30-second step, so the next one is asked for only after the step has passed. A code goes to STS once.
 */
public final class Renewer {

    /** A duration override, the time left to show in the prompt, and the pause before checking for clobbering. */
    public record Options(OptionalInt durationSeconds, Optional<Duration> timeLeft, Duration settle) {
        /** How long after a write we look again for a writer that clobbered it (the AWS CLI takes ~100 ms). */
        public static final Duration SETTLE = Duration.ofMillis(150);

        public static Options standard() {
            return new Options(OptionalInt.empty(), Optional.empty(), SETTLE);
        }
    }

    private final Sts sts;
    private final Clock clock;
    private final TotpStep.Sleeper sleeper;

    public Renewer(Sts sts) {
        this(sts, Clock.systemUTC(), TotpStep.Sleeper.REAL);
    }

    public Renewer(Sts sts, Clock clock, TotpStep.Sleeper sleeper) {
        this.sts = sts;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    public static ManagedProfile resolve(ProfileCatalog catalog, String name) throws RenewFailure {
        try {
            return catalog.resolve(name);
        } catch (ProfileException e) {
            throw new RenewFailure(Reason.CONFIG, e.getMessage());
        }
    }

    /**
     * Renews every profile of {@code group} (one device). Session profiles and chained roles cost one code
     * together; each direct role costs one more.
     */
    public Renewal renew(Path credentialsPath, List<ManagedProfile> profiles, CodePrompt prompt, Options options)
            throws RenewFailure {
        List<Renewal.Failed> failed = new ArrayList<>();
        Map<String, Instant> lastCodeAt = new HashMap<>();
        try (Writer out = new Writer(new CredentialsFile(credentialsPath), options.settle())) {
            // A file we could not write must not cost a code: codes work once, and the next comes 30 s later.
            List<ManagedProfile> group = writable(out, unique(profiles), failed);
            List<ManagedProfile> sessions =
                    group.stream().filter(ManagedProfile::sessionProfile).toList();
            List<ManagedProfile> chained = group.stream()
                    .filter(p -> p.role().map(RoleTarget::chained).orElse(false))
                    .toList();
            List<ManagedProfile> direct = group.stream()
                    .filter(p -> p.role().map(r -> !r.chained()).orElse(false))
                    .toList();

            if (!sessions.isEmpty()) {
                ManagedProfile first = sessions.get(0);
                int duration = duration(first, options);
                CodeRequest request =
                        request(group.stream().filter(p -> !direct.contains(p)).toList(), first, options);
                SessionCredentials session = askForCode(
                        lastCodeAt, first, prompt, request, code -> sts.getSessionToken(first, code, duration));
                for (ManagedProfile p : sessions) {
                    each(p, failed, () -> out.write(p, session));
                }
                for (ManagedProfile role : chained) {
                    each(
                            role,
                            failed,
                            () -> out.write(
                                    role, call(() -> sts.assumeRole(role, Optional.of(session), Optional.empty()))));
                }
            } else if (!chained.isEmpty()) {
                refreshChained(credentialsPath, chained, out, failed);
            }
            for (ManagedProfile role : direct) {
                each(
                        role,
                        failed,
                        () -> out.write(
                                role,
                                askForCode(
                                        lastCodeAt,
                                        role,
                                        prompt,
                                        request(List.of(role), role, options),
                                        code -> sts.assumeRole(role, Optional.empty(), Optional.of(code)))));
            }
            return finish(out, group.get(0), failed);
        }
    }

    /**
     * Renews chained role profiles silently from their session profiles' live sessions in the file.
     *
     * @throws RenewFailure with {@link Reason#NEEDS_CODE} when a session has ended and a code is needed
     */
    public Renewal refreshRoles(Path credentialsPath, List<ManagedProfile> roles, Options options) throws RenewFailure {
        List<Renewal.Failed> failed = new ArrayList<>();
        try (Writer out = new Writer(new CredentialsFile(credentialsPath), options.settle())) {
            refreshChained(credentialsPath, unique(roles), out, failed);
            return finish(out, roles.get(0), failed);
        }
    }

    private void refreshChained(
            Path credentialsPath, List<ManagedProfile> roles, Writer out, List<Renewal.Failed> failed)
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
            each(role, failed, () -> out.write(role, call(() -> sts.assumeRole(role, session, Optional.empty()))));
        }
    }

    /** One profile's step; its failure is recorded and the rest of the group goes on. */
    @FunctionalInterface
    private interface Step {
        void run() throws RenewFailure;
    }

    private static void each(ManagedProfile p, List<Renewal.Failed> failed, Step step) {
        try {
            step.run();
        } catch (RenewFailure f) {
            failed.add(new Renewal.Failed(p.name(), f.reason(), f.getMessage()));
        }
    }

    /** The renewal with what failed; nothing renewed at all is the first failure. */
    private static Renewal finish(Writer out, ManagedProfile first, List<Renewal.Failed> failed) throws RenewFailure {
        if (out.written.isEmpty()) {
            Renewal.Failed f = failed.get(0);
            throw new RenewFailure(f.reason(), f.message());
        }
        return out.finish(first).withFailed(failed);
    }

    /** Each profile once, in the order given: a role is assumed once per renewal. */
    private static List<ManagedProfile> unique(List<ManagedProfile> profiles) {
        List<ManagedProfile> seen = new ArrayList<>();
        for (ManagedProfile p : profiles) {
            if (seen.stream().noneMatch(q -> q.name().equals(p.name()))) {
                seen.add(p);
            }
        }
        return seen;
    }

    /**
     * The profiles whose sections can be written, checked before any code is asked for. When the whole group
     * cannot be, each one is checked alone: one bad section does not hold back the others.
     */
    private static List<ManagedProfile> writable(Writer out, List<ManagedProfile> group, List<Renewal.Failed> failed)
            throws RenewFailure {
        try {
            out.check(group);
            return group;
        } catch (RenewFailure whole) {
            List<ManagedProfile> ok = new ArrayList<>();
            for (ManagedProfile p : group) {
                try {
                    out.check(List.of(p));
                    ok.add(p);
                } catch (RenewFailure one) {
                    failed.add(new Renewal.Failed(p.name(), one.reason(), one.getMessage()));
                }
            }
            if (ok.isEmpty() || ok.size() == group.size()) {
                throw whole;
            }
            return ok;
        }
    }

    /**
     * Asks for a code for {@code device}'s MFA device and makes the call. A device whose code this renewal
     * used within the current 30-second step waits for the next step first. Not across renewals: a click right
     * after a renewal shows its prompt at once (a code used twice is then told as such and asked again).
     */
    private SessionCredentials askForCode(
            Map<String, Instant> lastCodeAt,
            ManagedProfile device,
            CodePrompt prompt,
            CodeRequest request,
            CodeCall call)
            throws RenewFailure {
        Instant last = lastCodeAt.get(device.mfaSerial());
        if (last != null) {
            waitForNextStep(last);
        }
        SessionCredentials creds = askAndCall(prompt, request, call);
        lastCodeAt.put(device.mfaSerial(), clock.instant());
        return creds;
    }

    private void waitForNextStep(Instant lastCodeAt) throws RenewFailure {
        long wait = TotpStep.next(lastCodeAt).toEpochMilli() - clock.millis();
        if (wait > 0) {
            try {
                sleeper.sleep(Duration.ofMillis(wait));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RenewFailure(Reason.CANCELLED, "interrupted while waiting for the next MFA code");
            }
        }
    }

    private static int duration(ManagedProfile p, Options options) throws RenewFailure {
        try {
            return SessionDuration.check(p.name(), options.durationSeconds().orElse(p.durationSeconds()));
        } catch (ProfileException e) {
            throw new RenewFailure(Reason.CONFIG, e.getMessage());
        }
    }

    private static CodeRequest request(List<ManagedProfile> profiles, ManagedProfile device, Options options) {
        return new CodeRequest(
                profiles.stream().map(ManagedProfile::name).toList(),
                device.mfaSerial(),
                options.timeLeft(),
                Optional.empty());
    }

    /** One STS call that carries a code. */
    @FunctionalInterface
    private interface CodeCall {
        SessionCredentials call(String code) throws StsFailure;
    }

    /** One STS call without a code. */
    @FunctionalInterface
    private interface PlainCall {
        SessionCredentials call() throws StsFailure;
    }

    private static SessionCredentials call(PlainCall c) throws RenewFailure {
        try {
            return c.call();
        } catch (StsFailure f) {
            throw new RenewFailure(reasonOf(f.kind()), f.getMessage());
        }
    }

    private static SessionCredentials askAndCall(CodePrompt prompt, CodeRequest request, CodeCall call)
            throws RenewFailure {
        Attempt attempt = new Attempt(call);
        boolean answered;
        try {
            answered = prompt.ask(request, attempt);
        } catch (PromptException e) {
            throw new RenewFailure(
                    e instanceof HelperFailedException ? Reason.CONFIG : Reason.CANCELLED, e.getMessage());
        }
        if (attempt.result != null) {
            return attempt.result;
        }
        if (!answered || attempt.failure == null) {
            throw new RenewFailure(Reason.CANCELLED, "no MFA code given; nothing was changed");
        }
        throw attempt.failure;
    }

    /** Checks a code's format, then sends it to STS once; remembers the result or the last failure. */
    private static final class Attempt implements CodeAttempt {
        private final CodeCall call;
        SessionCredentials result;
        RenewFailure failure;

        Attempt(CodeCall call) {
            this.call = call;
        }

        @Override
        public Verdict submit(String raw) {
            String code = MfaCode.normalize(raw);
            if (code == null) {
                failure =
                        new RenewFailure(Reason.BAD_CODE_FORMAT, MfaCode.RULE + "; nothing was sent to AWS, try again");
                return new Verdict.TryAgain(MfaCode.RULE + ".");
            }
            try {
                result = call.call(code);
                return new Verdict.Accepted();
            } catch (StsFailure f) {
                failure = new RenewFailure(reasonOf(f.kind()), f.getMessage());
                return f.kind() == StsFailure.Kind.WRONG_CODE
                        ? new Verdict.TryAgain(
                                "That code was wrong or already used (each code works once). Wait for the next code.")
                        : new Verdict.GiveUp(f.getMessage());
            }
        }
    }

    /** {@link CredentialsWriter} (the whole write path) in renewal terms: profiles, failures, the result. */
    private static final class Writer implements AutoCloseable {
        private final CredentialsWriter out;
        private final List<ManagedProfile> written = new ArrayList<>();
        private final List<SessionCredentials> values = new ArrayList<>();

        Writer(CredentialsFile file, Duration settle) {
            this.out = new CredentialsWriter(file, settle);
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
                each.add(
                        new Renewal.Written(written.get(i).name(), values.get(i).expiration()));
            }
            return new Renewal(each, out.target(), until, device.endpoint(), out.created(), out.tightened());
        }

        @Override
        public void close() {
            out.close();
        }
    }

    static Reason reasonOf(StsFailure.Kind kind) {
        return switch (kind) {
            case WRONG_CODE -> Reason.CODE_REJECTED;
            case THROTTLED, UNREACHABLE, SERVICE_ERROR -> Reason.STS_UNAVAILABLE;
            case SESSION_EXPIRED -> Reason.NEEDS_CODE;
            default -> Reason.STS_REJECTED;
        };
    }
}
