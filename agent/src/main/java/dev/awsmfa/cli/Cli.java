package dev.awsmfa.cli;

import dev.awsmfa.cli.Args.UsageException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;

/**
 * The command line: {@code [run]}, {@code renew}, {@code status}, {@code autostart}, and -h/--help, -V/--version.
 * Parsed by hand: a parser library built from annotations (picocli) cost about 100 ms of every start, a third of
 * {@code status} (docs/BENCHMARKS.md), for four options.
 */
public final class Cli {

    static final String HELP = """
            Usage: aws-mfa-agent [COMMAND] [OPTIONS]
            Keeps the MFA sessions in your AWS credentials file fresh.

            Commands:
              run        Start the tray agent (the default when no command is given).
              renew      Ask for an MFA code and renew a profile's session now.
              status     List every managed profile: source, MFA device, expiry, time left and state.
              autostart  Start the agent at login: enable, disable, or show the status.
              install    From the jar: the aws-mfa-agent command, menu entry and start at login (uninstall).
            aws-mfa-agent COMMAND --help shows a command's options.

            Options:
              -h, --help      Show this help and exit.
              -V, --version   Print the version and exit.

            Exit codes:
              0  success
              1  internal error (a bug: please report it)
              2  usage error, or an MFA code that is not 6 digits
              3  profile or config problem (the message names the file and the fix), or a failing mfa_process
              4  MFA code rejected by AWS (wrong or already used)
              5  AWS rejected the keys, MFA device or duration
              6  STS unreachable, throttled or failing; try again
              7  the credentials file could not be written (it is unchanged)
              8  cancelled: no code given
            """;

    private Cli() {}

    public static int execute(Context context, String... args) {
        try {
            return command(context, args).call();
        } catch (UsageException e) {
            context.err().println("aws-mfa-agent: " + e.getMessage() + " (see aws-mfa-agent --help)");
            return ExitCode.USAGE;
        } catch (Exception | LinkageError e) {
            // Unexpected: say so in one line; the stack trace only with AWS_MFA_AGENT_DEBUG=1.
            context.err()
                    .println("aws-mfa-agent: internal error: " + e.getClass().getSimpleName()
                            + "; run with AWS_MFA_AGENT_DEBUG=1 for details and report it");
            if ("1".equals(context.env().get("AWS_MFA_AGENT_DEBUG"))) {
                e.printStackTrace(context.err());
            }
            return ExitCode.INTERNAL;
        }
    }

    private static Callable<Integer> command(Context context, String[] argv) throws UsageException {
        List<String> all = Arrays.asList(argv);
        if (!all.isEmpty() && (all.get(0).equals("-V") || all.get(0).equals("--version"))) {
            return print(context, version());
        }
        if (all.isEmpty() || all.get(0).startsWith("-")) {
            // No command: the tray agent, which takes no options; -h/--help is the program's help.
            return all.contains("-h") || all.contains("--help")
                    ? print(context, HELP)
                    : RunCommand.parse(context, new Args("run", all));
        }
        Args args = new Args(all.get(0), all.subList(1, all.size()));
        return switch (all.get(0)) {
            case "run" -> args.help() ? print(context, RunCommand.HELP) : RunCommand.parse(context, args);
            case "renew" -> args.help() ? print(context, RenewCommand.HELP) : RenewCommand.parse(context, args);
            case "status" -> args.help() ? print(context, StatusCommand.HELP) : StatusCommand.parse(context, args);
            case "autostart" ->
                args.help() ? print(context, AutostartCommand.HELP) : AutostartCommand.parse(context, args);
            case "install", "uninstall" ->
                args.help()
                        ? print(context, InstallCommand.HELP)
                        : InstallCommand.parse(context, args, all.get(0).equals("install"));
            default ->
                throw new UsageException("unknown command" + Args.quoted(all.get(0))
                        + "; the commands are run, renew, status and autostart");
        };
    }

    private static Callable<Integer> print(Context context, String text) {
        return () -> {
            context.out().print(text.endsWith("\n") ? text : text + "\n");
            context.out().flush();
            return ExitCode.OK;
        };
    }

    static String version() {
        Properties p = new Properties();
        try (InputStream in = Cli.class.getResourceAsStream("/aws-mfa-agent-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // the version is only shown; "dev" says it is unknown
        }
        return "aws-mfa-agent " + p.getProperty("version", "dev");
    }
}
