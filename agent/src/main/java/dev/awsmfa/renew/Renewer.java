package dev.awsmfa.renew;

import dev.awsmfa.credentials.CredentialsFile;
import dev.awsmfa.credentials.SessionCredentials;
import dev.awsmfa.credentials.SettlePause;
import dev.awsmfa.profile.ManagedProfile;
import dev.awsmfa.profile.ProfileCatalog;
import dev.awsmfa.profile.ProfileException;
import dev.awsmfa.profile.RoleTarget;
import dev.awsmfa.profile.SessionDuration;
import dev.awsmfa.prompt.CodePrompt;
import dev.awsmfa.prompt.CodeRequest;
import dev.awsmfa.prompt.TotpStep;
import dev.awsmfa.renew.RenewFailure.Reason;
import dev.awsmfa.sts.Sts;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Renews the profiles of one MFA device with as few codes as AWS allows: one code, one GetSessionToken,
 * the session written to each session profile, then AssumeRole from that session for each chained role
 * profile (no code). A direct role (AssumeRole with MFA) needs a code of its own; codes work once per
 * 30-second step, so the next one is asked for only after the step has passed. A code goes to STS once.
 */
public final class Renewer {

    /**
     * A duration override, the time left to show in the prompt, and the pauses before checking for clobbering:
     * {@code settle} when a write met signs of another writer (and after a repair), {@code quietSettle} when not.
     */
    public record Options(
            OptionalInt durationSeconds, Optional<Duration> timeLeft, Duration settle, Duration quietSettle) {
        /**
         * How long after a write we look again for a writer that clobbered it: the AWS CLI's read-to-write window
         * measured 5 ms on a quiet machine and up to 78 ms at 4 runnable tasks per core ({@link SettlePause}).
         */
        public static final Duration SETTLE = Duration.ofMillis(150);

        /** The same pause whether or not another writer shows: the agent's, where nobody waits for it. */
        public Options(OptionalInt durationSeconds, Optional<Duration> timeLeft, Duration settle) {
            this(durationSeconds, timeLeft, settle, settle);
        }

        public static Options standard() {
            return new Options(OptionalInt.empty(), Optional.empty(), SETTLE);
        }

        /**
         * For a renewal someone sits through (the CLI): when no write met a sign of another writer, the first look
         * comes after the AWS CLI's window at the current load ({@link SettlePause#forLoad}), not the full pause.
         */
        public Options whileUserWaits() {
            return new Options(
                    durationSeconds, timeLeft, settle, SettlePause.forLoad(SettlePause.loadPerCore(), settle));
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
        return renew(new CredentialsFile(credentialsPath), credentialsPath, profiles, prompt, options);
    }

    /**
     * The same, in the credentials file {@code catalog} read: its parse is reused while the file's bytes are still
     * the ones it read (a big file is then parsed once per renewal, not three times).
     */
    public Renewal renew(ProfileCatalog catalog, List<ManagedProfile> profiles, CodePrompt prompt, Options options)
            throws RenewFailure {
        Path credentialsPath = catalog.files().credentials();
        CredentialsFile file = new CredentialsFile(credentialsPath)
                .knowing(catalog.credentials().source());
        return renew(file, credentialsPath, profiles, prompt, options);
    }

    private Renewal renew(
            CredentialsFile file,
            Path credentialsPath,
            List<ManagedProfile> profiles,
            CodePrompt prompt,
            Options options)
            throws RenewFailure {
        List<Renewal.Failed> failed = new ArrayList<>();
        CodeAsker codes = new CodeAsker(clock, sleeper, prompt);
        try (ProfileWriter out = new ProfileWriter(file, options.settle(), options.quietSettle())) {
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
                SessionCredentials session =
                        codes.ask(first, request, code -> sts.getSessionToken(first, code, duration));
                for (ManagedProfile p : sessions) {
                    each(p, failed, () -> out.write(p, session));
                }
                for (ManagedProfile role : chained) {
                    each(
                            role,
                            failed,
                            () -> out.write(
                                    role,
                                    StsCalls.call(() -> sts.assumeRole(role, Optional.of(session), Optional.empty()))));
                }
            } else if (!chained.isEmpty()) {
                new ChainedRoles(sts, clock).refresh(credentialsPath, chained, out, failed);
            }
            for (ManagedProfile role : direct) {
                each(
                        role,
                        failed,
                        () -> out.write(
                                role,
                                codes.ask(
                                        role,
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
        try (ProfileWriter out =
                new ProfileWriter(new CredentialsFile(credentialsPath), options.settle(), options.quietSettle())) {
            new ChainedRoles(sts, clock).refresh(credentialsPath, unique(roles), out, failed);
            return finish(out, roles.get(0), failed);
        }
    }

    /** One profile's step; its failure is recorded and the rest of the group goes on. */
    @FunctionalInterface
    interface Step {
        void run() throws RenewFailure;
    }

    static void each(ManagedProfile p, List<Renewal.Failed> failed, Step step) {
        try {
            step.run();
        } catch (RenewFailure f) {
            failed.add(new Renewal.Failed(p.name(), f.reason(), f.getMessage()));
        }
    }

    /** The renewal with what failed; nothing renewed at all is the first failure. */
    private static Renewal finish(ProfileWriter out, ManagedProfile first, List<Renewal.Failed> failed)
            throws RenewFailure {
        if (out.nothingWritten()) {
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
    private static List<ManagedProfile> writable(
            ProfileWriter out, List<ManagedProfile> group, List<Renewal.Failed> failed) throws RenewFailure {
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
}
