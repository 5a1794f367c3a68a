package dev.awsmfa.cli;

/** Entry point of the one runnable jar: the CLI, and the tray agent when no subcommand is given. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(Cli.execute(Context.system(), args));
    }
}
