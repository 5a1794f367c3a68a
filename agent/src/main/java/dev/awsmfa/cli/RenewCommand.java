package dev.awsmfa.cli;

import dev.awsmfa.profile.ManagedProfile;
import dev.awsmfa.profile.ProfileCatalog;
import dev.awsmfa.profile.ProfileException;
import dev.awsmfa.prompt.CodePrompt;
import dev.awsmfa.prompt.FixedCodePrompt;
import dev.awsmfa.prompt.FixedCodePrompt;
import dev.awsmfa.prompt.TerminalPrompt;
import dev.awsmfa.renew.RenewFailure;
import dev.awsmfa.renew.Renewal;
import dev.awsmfa.renew.Renewer;
import dev.awsmfa.sts.StsSessions;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "renew", description = {
        "Asks for an MFA code, calls STS GetSessionToken with the profile's long-term keys, and writes the",
        "temporary credentials into the profile's section of the credentials file (other bytes untouched).",
        "The code is read from the terminal, or from stdin when stdin is not a terminal."})
final class RenewCommand implements Callable<Integer> {

    @Option(names = {"-p", "--profile"}, required = true, description = "The profile to renew (its session goes to credentials [PROFILE]).")
    String profile;

    @Option(names = "--code", description = "The 6-digit MFA code (else asked for).")
    String code;

    @Option(names = "--duration", description = "Session length in seconds, 900..129600 (default: duration_seconds, else 43200).")
    Integer duration;

    private final Context context;

    RenewCommand(Context context) {
        this.context = context;
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
            context.out().println("Exporting credentials for '" + p.name() + "' profile (MFA device " + p.mfaSerial()
                    + ", STS " + p.endpoint() + ")");
            CodePrompt prompt = code != null ? new FixedCodePrompt(code)
                    : new TerminalPrompt(context.in(), context.err(), context.interactive());
            Renewer.Options options = new Renewer.Options(
                    duration == null ? OptionalInt.empty() : OptionalInt.of(duration), Optional.empty(), Duration.ofMillis(150));
            Renewal r = new Renewer(new StsSessions(context.timeouts())).renew(catalog.files().credentials(), List.of(p), prompt, options);
            if (r.created()) {
                context.out().println("Created " + r.file() + " (mode 0600).");
            }
            if (r.tightened()) {
                context.err().println("Note: " + r.file() + " was readable by others; it is now 0600 (owner only).");
            }
            ZonedDateTime until = r.expiration().atZone(context.clock().getZone());
            context.out().println("Temporary credentials are exported to '" + r.file() + "' [" + p.name() + "], valid until "
                    + until.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm zzz")) + ".");
            return ExitCode.OK;
        } catch (RenewFailure f) {
            context.err().println("aws-mfa-agent: " + f.getMessage());
            return f.reason().exitCode;
        }
    }
}
