package dev.awsmfa.cli;

import dev.awsmfa.agent.Settings;
import dev.awsmfa.agent.SingleInstance;
import dev.awsmfa.profile.ProfileCatalog;
import dev.awsmfa.profile.ProfileException;
import dev.awsmfa.settings.SettingProblem;
import dev.awsmfa.status.ProfileStatus;
import dev.awsmfa.status.StatusReader;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

final class StatusCommand implements Callable<Integer> {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    static final String HELP = """
            Usage: aws-mfa-agent status
            Lists every managed profile: source, MFA device, expiry, time left and state.
            """;

    private final Context context;

    StatusCommand(Context context) {
        this.context = context;
    }

    static StatusCommand parse(Context context, Args args) throws Args.UsageException {
        args.done();
        return new StatusCommand(context);
    }

    @Override
    public Integer call() {
        ProfileCatalog catalog;
        try {
            catalog = ProfileCatalog.load(context.files(), context.env());
        } catch (ProfileException e) {
            context.err().println("aws-mfa-agent: " + e.getMessage());
            return ExitCode.CONFIG;
        }
        Instant now = context.clock().instant();
        Settings settings = Settings.load(context.dirs().settings(), context.env());
        List<ProfileStatus> all = StatusReader.read(catalog, now, settings.lead());
        PrintStream out = context.out();
        out.println("config:      " + catalog.files().config());
        out.println("credentials: " + catalog.files().credentials());
        out.println("agent:       " + SingleInstance.running(context.dirs().state())
                .map(pid -> "running (pid " + pid + ")").orElse("not running (start it with: aws-mfa-agent)"));
        List<SettingProblem> problems = new ArrayList<>(settings.problems());
        problems.addAll(catalog.settingProblems());
        if (!problems.isEmpty()) {
            out.println("settings not used:");
            problems.forEach(p -> out.println("  " + p.message()));
        }
        if (all.isEmpty()) {
            out.println("No MFA profiles found. Add one as shown in the README (\"Profile layouts\").");
            return ExitCode.OK;
        }
        String format = "%-20s %-20s %-44s %-16s %-9s %-15s %s%n";
        out.printf(format, "PROFILE", "SOURCE", "MFA DEVICE", "EXPIRES", "LEFT", "STATE", "STS ENDPOINT");
        for (ProfileStatus s : all) {
            if (s.problem().isPresent()) {
                out.printf(format, s.name(), "-", "-", "-", "-", s.state().label, "");
                out.println("  " + s.problem().get());
                continue;
            }
            var p = s.profile().orElseThrow();
            out.printf(format, s.name(), p.source(), p.mfaSerial(),
                    s.expiration().map(e -> WHEN.format(e.atZone(context.clock().getZone()))).orElse("-"),
                    s.timeLeft(now).map(StatusCommand::human).orElse("-"), s.state().label, p.endpoint());
        }
        return ExitCode.OK;
    }

    static String human(Duration left) {
        if (left.isNegative() || left.isZero()) {
            return "0m";
        }
        long minutes = left.toMinutes();
        return minutes >= 60 ? (minutes / 60) + "h " + (minutes % 60) + "m" : minutes + "m";
    }
}
