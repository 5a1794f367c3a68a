package dev.awsmfa.cli;

import dev.awsmfa.launch.TunedStart;

/** Entry point of the one runnable jar: the CLI, and the tray agent when no subcommand is given. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        // A plain `java -jar` (or a double click) of the tray agent: it runs in a child JVM with its tuned options.
        if (TunedStart.startChildIfUntuned(args, Main.class)) {
            System.exit(ExitCode.OK);
        }
        // HttpURLConnection would silently resend a POST after a dropped reply: a one-time code sent twice.
        System.setProperty("sun.net.http.retryPost", "false");
        // We read the user's AWS files ourselves; the SDK must not parse them too (it rejects spellings the
        // AWS CLI accepts, and warns about profiles it does not understand).
        System.setProperty("aws.configFile", "/nonexistent/aws-mfa-agent/config");
        System.setProperty("aws.sharedCredentialsFile", "/nonexistent/aws-mfa-agent/credentials");
        System.exit(Cli.execute(Context.system(), args));
    }
}
