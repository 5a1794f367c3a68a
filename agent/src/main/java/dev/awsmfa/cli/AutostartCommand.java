package dev.awsmfa.cli;

import dev.awsmfa.autostart.AutoStart;
import dev.awsmfa.autostart.AutoStartException;
import java.util.Optional;
import java.util.concurrent.Callable;

final class AutostartCommand implements Callable<Integer> {

    static final String HELP = """
            Usage: aws-mfa-agent autostart enable|disable|status [--force]
            Start the agent at login: enable, disable, or show the status.

            Options:
              --force  Enable even where you switched start at login off in your desktop's settings.
            """;

    enum Action {
        enable,
        disable,
        status
    }

    private final Action action;
    private final boolean force;
    private final Context context;

    AutostartCommand(Context context, Action action, boolean force) {
        this.context = context;
        this.action = action;
        this.force = force;
    }

    static AutostartCommand parse(Context context, Args args) throws Args.UsageException {
        boolean force = args.flag("--force");
        String word = args.positional()
                .orElseThrow(() -> new Args.UsageException("autostart needs enable, disable or status"));
        Action action;
        try {
            action = Action.valueOf(word);
        } catch (IllegalArgumentException e) {
            throw new Args.UsageException("autostart takes enable, disable or status, not" + Args.quoted(word));
        }
        args.done();
        return new AutostartCommand(context, action, force);
    }

    @Override
    public Integer call() {
        Optional<AutoStart> autoStart = context.autoStart();
        if (autoStart.isEmpty()) {
            context.err()
                    .println("aws-mfa-agent: start at login is not supported here ("
                            + (context.launch().isEmpty()
                                    ? "not started from the aws-mfa-agent jar or launcher"
                                    : "no start-at-login mechanism for " + context.os())
                            + ")");
            return ExitCode.USAGE;
        }
        AutoStart a = autoStart.get();
        try {
            switch (action) {
                case enable -> {
                    a.enable(force);
                    context.out().println("Start at login enabled: " + a.describe());
                }
                case disable -> {
                    a.disable();
                    context.out().println("Start at login disabled.");
                }
                case status ->
                    context.out()
                            .println("Start at login is " + (a.isEnabled() ? "enabled" : "disabled") + " ("
                                    + a.describe() + ")");
            }
            return ExitCode.OK;
        } catch (AutoStartException e) {
            context.err().println("aws-mfa-agent: " + e.getMessage());
            return ExitCode.CONFIG;
        }
    }
}
