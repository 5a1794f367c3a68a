package dev.awsmfa.cli;

import dev.awsmfa.autostart.LaunchCommand;
import dev.awsmfa.launch.UserInstall;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code install} / {@code uninstall}: the jar as a command, a menu entry and start at login, for this user. */
final class InstallCommand implements Callable<Integer> {

    static final String HELP = """
            Usage: aws-mfa-agent install | uninstall
            For a user who has only the jar (Linux and BSD desktops, no root needed): install copies it to
            ~/.local/share/aws-mfa-agent/ and adds the aws-mfa-agent command in ~/.local/bin, the menu entry
            "AWS MFA Agent" and start at login, all with the agent's JVM options. uninstall removes them again.
            """;

    private final Context context;
    private final boolean install;

    InstallCommand(Context context, boolean install) {
        this.context = context;
        this.install = install;
    }

    static InstallCommand parse(Context context, Args args, boolean install) throws Args.UsageException {
        args.done();
        return new InstallCommand(context, install);
    }

    @Override
    public Integer call() {
        UserInstall target = new UserInstall(context.home(), context.env(), context.os());
        if (!target.isSupported()) {
            context.err()
                    .println("aws-mfa-agent: install is for Linux and BSD desktops; on " + context.os()
                            + " use the installer package (README: Install)");
            return ExitCode.USAGE;
        }
        try {
            List<String> done;
            if (install) {
                Optional<Path> jar = LaunchCommand.jarOf(Main.class);
                if (jar.isEmpty()) {
                    context.err()
                            .println("aws-mfa-agent: install works from the jar (java -jar aws-mfa-agent.jar install)");
                    return ExitCode.USAGE;
                }
                done = target.install(jar.get(), Path.of(System.getProperty("java.home"), "bin", "java"));
                context.out().println("Installed for " + context.home() + ":");
            } else {
                done = target.uninstall();
                context.out().println(done.isEmpty() ? "Nothing to remove." : "Uninstalled:");
            }
            done.forEach(line -> context.out().println("  " + line));
            return ExitCode.OK;
        } catch (IOException | RuntimeException e) {
            context.err()
                    .println("aws-mfa-agent: " + (install ? "install" : "uninstall") + " failed: " + e.getMessage());
            return ExitCode.CONFIG;
        }
    }
}
