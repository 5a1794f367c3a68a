package dev.awsmfa.cli;

import dev.awsmfa.agent.Settings;
import dev.awsmfa.agent.SingleInstance;
import dev.awsmfa.profile.ProfileCatalog;
import dev.awsmfa.profile.ProfileException;
import dev.awsmfa.settings.SettingProblem;
import dev.awsmfa.status.ProfileStatus;
import dev.awsmfa.status.StatusReader;
import dev.awsmfa.status.StatusTable;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

final class StatusCommand implements Callable<Integer> {

    static final String HELP = """
            Usage: aws-mfa-agent status [--wide]
            Lists every managed profile: source, expiry, time left and state, in 100 columns.

            Options:
                  --wide   Also the MFA device and the STS endpoint, nothing cut short.
            """;

    private final Context context;
    private final boolean wide;

    StatusCommand(Context context, boolean wide) {
        this.context = context;
        this.wide = wide;
    }

    static StatusCommand parse(Context context, Args args) throws Args.UsageException {
        boolean wide = args.flag("--wide");
        args.done();
        return new StatusCommand(context, wide);
    }

    @Override
    public Integer call() {
        startZoneWarmUp();
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
        out.println("times:       " + context.clock().getZone().getId());
        out.println("agent:       "
                + SingleInstance.running(context.dirs().state())
                        .map(pid -> "running (pid " + pid + ")")
                        .orElse("not running (start it with: aws-mfa-agent)"));
        List<SettingProblem> problems = new ArrayList<>(settings.problems());
        problems.addAll(catalog.settingProblems());
        if (all.isEmpty()) {
            out.println("No MFA profiles found. Add one as shown in the README (\"Profile layouts\").");
        } else {
            StatusTable.lines(all, now, context.clock().getZone(), wide).forEach(out::println);
        }
        if (!problems.isEmpty()) {
            out.println("settings not used:");
            problems.forEach(p ->
                    (wide ? List.of("  " + p.message()) : StatusTable.wrap(p.message(), "  ")).forEach(out::println));
        }
        return ExitCode.OK;
    }

    /**
     * Loads the zone's rules and its name in the locale on a second thread while this one reads the AWS files.
     * java.time's zone rules (tzdb.dat, read a second time after java.util's, and a scan of the whole jar for rule
     * providers) and the locale's zone names take about a third of the time {@code status} runs after the JVM
     * has started, and nothing needs them before the table is printed. With a free second core the run ends about
     * 10 ms sooner; on busy cores it makes little difference. A failure here is left for this thread to meet, and
     * report, again.
     */
    private void startZoneWarmUp() {
        Thread warmUp = new Thread(
                () -> {
                    try {
                        StatusTable.time(Instant.EPOCH, context.clock().getZone());
                    } catch (RuntimeException | LinkageError e) {
                        // the table's own formatting meets it again, in the command's error handling
                    }
                },
                "zone warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }
}
