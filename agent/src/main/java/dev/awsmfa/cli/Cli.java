package dev.awsmfa.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "aws-mfa-agent", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = "Keeps the MFA sessions in your AWS credentials file fresh.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:internal error (a bug: please report it)",
            "2:usage error, or an MFA code that is not 6 digits",
            "3:profile or config problem (the message names the file and the fix)",
            "4:MFA code rejected by AWS (wrong or already used)",
            "5:AWS rejected the keys, MFA device or duration",
            "6:STS unreachable, throttled or failing; try again",
            "7:the credentials file could not be written (it is unchanged)",
            "8:cancelled: no code given"})
public final class Cli implements java.util.concurrent.Callable<Integer> {

    private final Context context;

    Cli(Context context) {
        this.context = context;
    }

    /** No command: start the tray agent. */
    @Override
    public Integer call() throws Exception {
        return new RunCommand(context).call();
    }

    /** The subcommands, in the order help lists them. */
    static final Map<String, Class<?>> SUBCOMMANDS = subcommands();

    private static Map<String, Class<?>> subcommands() {
        Map<String, Class<?>> m = new LinkedHashMap<>();
        m.put("run", RunCommand.class);
        m.put("renew", RenewCommand.class);
        m.put("status", StatusCommand.class);
        m.put("autostart", AutostartCommand.class);
        return m;
    }

    public static int execute(Context context, String... args) {
        Factory factory = new Factory(context);
        CommandLine cli = new CommandLine(new Cli(context), factory);
        // picocli reflects over every subcommand it is given; a command line that names one needs only that one
        // (status starts faster), anything else (no command, --help, a typo) gets all of them.
        Class<?> named = args.length > 0 ? SUBCOMMANDS.get(args[0]) : null;
        for (Map.Entry<String, Class<?>> sub : SUBCOMMANDS.entrySet()) {
            if (named == null || named == sub.getValue()) {
                cli.addSubcommand(sub.getKey(), new CommandLine(sub.getValue(), factory));
            }
        }
        cli.setOut(new PrintWriter(context.out(), true));
        cli.setErr(new PrintWriter(context.err(), true));
        cli.setParameterExceptionHandler((e, a) -> {
            context.err().println("aws-mfa-agent: " + e.getMessage() + " (see aws-mfa-agent --help)");
            return ExitCode.USAGE;
        });
        cli.setExecutionExceptionHandler((e, c, p) -> {
            // Unexpected: say so in one line; the stack trace only with AWS_MFA_AGENT_DEBUG=1.
            context.err().println("aws-mfa-agent: internal error: " + e.getClass().getSimpleName()
                    + "; run with AWS_MFA_AGENT_DEBUG=1 for details and report it");
            if ("1".equals(context.env().get("AWS_MFA_AGENT_DEBUG"))) {
                e.printStackTrace(context.err());
            }
            return ExitCode.INTERNAL;
        });
        return cli.execute(args);
    }

    /** Builds commands with the shared context instead of picocli's reflection-only default. */
    private record Factory(Context context) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            try {
                return cls.getDeclaredConstructor(Context.class).newInstance(context);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(cls);
            }
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = Cli.class.getResourceAsStream("/aws-mfa-agent-version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"aws-mfa-agent " + p.getProperty("version", "dev")};
        }
    }
}
