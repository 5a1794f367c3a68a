package dev.awsmfa.cli;

/** Entry point of the one runnable jar: the CLI, and the tray agent when no subcommand is given. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        // HttpURLConnection would silently resend a POST after a dropped reply: a one-time code sent twice.
        System.setProperty("sun.net.http.retryPost", "false");
        System.exit(Cli.execute(Context.system(), args));
    }
}
