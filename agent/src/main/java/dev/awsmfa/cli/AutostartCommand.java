package dev.awsmfa.cli;

import dev.awsmfa.autostart.AutoStart;
import dev.awsmfa.autostart.AutoStartException;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "autostart", description = "Start the agent at login: enable, disable, or show the status.")
final class AutostartCommand implements Callable<Integer> {

    enum Action { enable, disable, status }

    @Parameters(index = "0", description = "enable, disable or status")
    Action action;

    @Option(names = "--force", description = "Enable even where you switched start at login off in your desktop's settings.")
    boolean force;

    private final Context context;

    AutostartCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Optional<AutoStart> autoStart = context.autoStart();
        if (autoStart.isEmpty()) {
            context.err().println("aws-mfa-agent: start at login is not supported here ("
                    + (context.launch().isEmpty() ? "not started from the aws-mfa-agent jar or launcher" : context.osName()) + ")");
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
                case status -> context.out().println("Start at login is " + (a.isEnabled() ? "enabled" : "disabled")
                        + " (" + a.describe() + ")");
            }
            return ExitCode.OK;
        } catch (AutoStartException e) {
            context.err().println("aws-mfa-agent: " + e.getMessage());
            return ExitCode.CONFIG;
        }
    }
}
