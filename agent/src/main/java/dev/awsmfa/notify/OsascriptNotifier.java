package dev.awsmfa.notify;

import dev.awsmfa.platform.ProcessResult;
import dev.awsmfa.platform.ProcessRunner;
import dev.awsmfa.prompt.AppleScriptString;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** macOS: a Notification Center banner through AppleScript's display notification. */
public final class OsascriptNotifier implements Notifier {
    private static final Logger LOG = LoggerFactory.getLogger(OsascriptNotifier.class);

    static final Duration HELPER_TIMEOUT = Duration.ofSeconds(5);

    private final ProcessRunner runner;

    public OsascriptNotifier(ProcessRunner runner) {
        this.runner = runner;
    }

    @Override
    public void notify(Notice notice) {
        try {
            ProcessResult result = runner.run(argv(notice), HELPER_TIMEOUT);
            if (result.exitCode() != 0) {
                LOG.warn(
                        "Could not show the notification '{}' with osascript (exit code {}): {}",
                        notice.title(),
                        result.exitCode(),
                        result.errorLine());
            }
        } catch (IOException e) {
            LOG.warn("Could not show the notification '{}' with osascript: {}", notice.title(), e.getMessage());
        }
    }

    List<String> argv(Notice notice) {
        return List.of(
                "osascript",
                "-e",
                "display notification " + AppleScriptString.quote(notice.body())
                        + " with title \"aws-mfa-agent\" subtitle " + AppleScriptString.quote(notice.title()));
    }
}
