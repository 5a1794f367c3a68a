package dev.awsmfa.testing;

import dev.awsmfa.cli.Cli;
import dev.awsmfa.cli.Context;
import dev.awsmfa.platform.Os;
import dev.awsmfa.sts.StsSessions;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/** Runs the CLI in-process with a temp home, an env of the test's choosing, and captured output. */
public final class CliRun {
    public final Path home;
    public final Map<String, String> env = new HashMap<>();
    public Clock clock = Clock.system(ZoneOffset.UTC);
    public String stdin = "";
    public java.util.Optional<dev.awsmfa.autostart.LaunchCommand> launch = java.util.Optional.empty();
    public StsSessions.Timeouts timeouts =
            new StsSessions.Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(3));

    public CliRun(Path home) {
        this.home = home;
        env.put("AWS_CONFIG_FILE", home.resolve(".aws/config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve(".aws/credentials").toString());
    }

    /** Sends the program's STS calls to {@code sts}. */
    public CliRun useSts(StsStub sts) {
        env.put("AWS_ENDPOINT_URL_STS", sts.endpoint().toString());
        return this;
    }

    public record Result(int exit, String out, String err) {
        public String all() {
            return out + err;
        }
    }

    public Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Context ctx = new Context(
                Map.copyOf(env),
                home,
                clock,
                new BufferedReader(new StringReader(stdin)),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                false,
                timeouts,
                Os.LINUX,
                () -> launch);
        int exit = Cli.execute(ctx, args);
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
