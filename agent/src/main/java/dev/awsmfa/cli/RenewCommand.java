package dev.awsmfa.cli;

import dev.awsmfa.platform.SystemProcessRunner;
import dev.awsmfa.profile.ManagedProfile;
import dev.awsmfa.profile.ProfileCatalog;
import dev.awsmfa.profile.ProfileException;
import dev.awsmfa.profile.RoleTarget;
import dev.awsmfa.profile.SessionDuration;
import dev.awsmfa.prompt.CodePrompt;
import dev.awsmfa.prompt.FixedCodePrompt;
import dev.awsmfa.prompt.ProcessPrompt;
import dev.awsmfa.prompt.TerminalPrompt;
import dev.awsmfa.prompt.YubiKeyPrompt;
import dev.awsmfa.renew.DeviceGroup;
import dev.awsmfa.renew.RenewFailure;
import dev.awsmfa.renew.Renewal;
import dev.awsmfa.renew.Renewer;
import dev.awsmfa.sts.StsSessions;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;

final class RenewCommand implements Callable<Integer> {

    static final String HELP = """
            Usage: aws-mfa-agent renew [-p] PROFILE [--code CODE] [--duration SECONDS]
            Asks for an MFA code, calls STS GetSessionToken with the profile's long-term keys, and writes the
            temporary credentials into the profile's section of the credentials file (other bytes untouched).
            The code is read from the terminal, or from stdin when stdin is not a terminal.

            Options:
              -p, --profile PROFILE  The profile to renew (its session goes to credentials [PROFILE]);
                                     "renew dev" is "renew -p dev".
                  --code CODE        The 6-digit MFA code, also as 123 456 (else asked for).
                  --duration SECONDS Session length in seconds, 900..129600 (default: duration_seconds, else 43200).
            """;

    final String profile;
    final String code;
    final Integer duration;

    private final Context context;

    RenewCommand(Context context, String profile, String code, Integer duration) {
        this.context = context;
        this.profile = profile;
        this.code = code;
        this.duration = duration;
    }

    static RenewCommand parse(Context context, Args args) throws Args.UsageException {
        // Options first, so a value of theirs is never taken for the profile.
        String code = args.value("--code").orElse(null);
        Integer duration = args.number("--duration", SessionDuration.MIN, SessionDuration.MAX)
                .orElse(null);
        String profile = args.valueOrPositional("-p", "--profile")
                .orElseThrow(() -> new Args.UsageException("renew needs --profile PROFILE (or -p PROFILE)"));
        args.done();
        return new RenewCommand(context, profile, code, duration);
    }

    /** The profile's mfa_process, run with our PATH; a ykman call first says to touch the key. */
    private CodePrompt processPrompt(String command) {
        Map<String, String> path =
                context.env().containsKey("PATH") ? Map.of("PATH", context.env().get("PATH")) : Map.of();
        CodePrompt process = new ProcessPrompt(command, context.os(), new SystemProcessRunner(context.os(), path));
        return YubiKeyPrompt.isYkman(command)
                ? new YubiKeyPrompt(process, () -> context.err().println("Touch your YubiKey if it blinks…"))
                : process;
    }

    @Override
    public Integer call() {
        try {
            ProfileCatalog catalog;
            try {
                catalog = ProfileCatalog.load(context.files(), context.env());
            } catch (ProfileException e) {
                throw new RenewFailure(RenewFailure.Reason.CONFIG, e.getMessage());
            }
            ManagedProfile p = Renewer.resolve(catalog, profile);
            context.out()
                    .println("Exporting credentials for '" + p.name() + "' profile (MFA device " + p.mfaSerial()
                            + ", STS " + p.endpoint() + ")");
            Renewer renewer = new Renewer(new StsSessions(context.timeouts()));
            Renewer.Options options = new Renewer.Options(
                            duration == null ? OptionalInt.empty() : OptionalInt.of(duration),
                            Optional.empty(),
                            Renewer.Options.SETTLE)
                    .whileUserWaits();
            Renewal r = null;
            if (p.role().map(RoleTarget::chained).orElse(false) && code == null) {
                try {
                    r = renewer.refreshRoles(catalog.files().credentials(), List.of(p), options);
                    context.out().println("Renewed from the MFA session of '" + p.source() + "' (no code needed).");
                } catch (RenewFailure f) {
                    if (f.reason() != RenewFailure.Reason.NEEDS_CODE) {
                        throw f;
                    }
                }
            }
            if (r == null) {
                List<ManagedProfile> group = DeviceGroup.of(catalog, p).members();
                if (group.size() > 1) {
                    context.out()
                            .println("One code renews every profile of this device: "
                                    + String.join(
                                            ", ",
                                            group.stream()
                                                    .map(ManagedProfile::name)
                                                    .toList()));
                }
                Optional<String> process =
                        group.stream().flatMap(g -> g.mfaProcess().stream()).findFirst();
                CodePrompt prompt = code != null
                        ? new FixedCodePrompt(code)
                        : process.isPresent()
                                ? processPrompt(process.get())
                                : new TerminalPrompt(context.in(), context.err(), context.interactive());
                r = renewer.renew(catalog, group, prompt, options);
            }
            if (r.created()) {
                context.out().println("Created " + r.file() + " (mode 0600).");
            }
            if (r.tightened()) {
                context.err().println("Note: " + r.file() + " was readable by others; it is now 0600 (owner only).");
            }
            DateTimeFormatter when = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm zzz");
            for (Renewal.Written w : r.written()) {
                context.out()
                        .println("Temporary credentials are exported to '" + r.file() + "' [" + w.profile()
                                + "], valid until "
                                + w.expiration()
                                        .atZone(context.clock().getZone())
                                        .format(when) + ".");
            }
            for (Renewal.Failed f : r.failed()) {
                context.err().println("aws-mfa-agent: [" + f.profile() + "] not renewed: " + f.message());
            }
            if (!r.complete()) {
                context.err()
                        .println("aws-mfa-agent: renewed " + r.written().size() + " of "
                                + (r.written().size() + r.failed().size()) + " profiles (exit " + ExitCode.PARTIAL
                                + ")");
                return ExitCode.PARTIAL;
            }
            return ExitCode.OK;
        } catch (RenewFailure f) {
            context.err().println("aws-mfa-agent: " + f.getMessage());
            return f.reason().exitCode;
        }
    }
}
