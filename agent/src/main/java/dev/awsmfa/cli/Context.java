package dev.awsmfa.cli;

import dev.awsmfa.profile.AwsFiles;
import dev.awsmfa.sts.StsSessions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** Everything the commands take from the outside world, injected so tests can supply their own. */
public record Context(Map<String, String> env, Path home, Clock clock, BufferedReader in, PrintStream out,
                      PrintStream err, boolean interactive, StsSessions.Timeouts timeouts) {

    public static Context system() {
        return new Context(System.getenv(), Path.of(System.getProperty("user.home")), Clock.systemDefaultZone(),
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
                System.out, System.err, System.console() != null, StsSessions.Timeouts.DEFAULT);
    }

    public AwsFiles files() {
        return AwsFiles.locate(env, home);
    }
}
