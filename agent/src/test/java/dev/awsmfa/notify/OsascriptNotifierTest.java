package dev.awsmfa.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.awsmfa.prompt.FakeHelperRunner;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class OsascriptNotifierTest {

    @Test
    @DisplayName("shows display notification with the app as title and the notice's title as subtitle")
    void argv() {
        FakeHelperRunner runner = new FakeHelperRunner();
        new OsascriptNotifier(runner).notify(new Notice(Notice.Kind.EXPIRING, "Expires soon: dev", "in 5 min"));
        assertEquals(
                List.of(
                        List.of(
                                "osascript",
                                "-e",
                                "display notification \"in 5 min\" with title \"aws-mfa-agent\" subtitle \"Expires soon: dev\"")),
                runner.argvs());
        assertEquals(Duration.ofSeconds(5), runner.calls.get(0).timeout());
    }

    @Test
    @DisplayName("quotes texts holding quotes, apostrophes, backslashes and non-ASCII characters")
    void quoting() {
        FakeHelperRunner runner = new FakeHelperRunner();
        new OsascriptNotifier(runner).notify(new Notice(Notice.Kind.FAILED, "it's \"prod\"", "C:\\x — é"));
        assertEquals(
                "display notification \"C:\\\\x — é\" with title \"aws-mfa-agent\" subtitle \"it's \\\"prod\\\"\"",
                runner.argvs().get(0).get(2));
    }

    @Test
    @DisplayName("logs a failure and carries on")
    void failure() {
        FakeHelperRunner runner = new FakeHelperRunner().answer(1, "", "execution error (-1743)");
        new OsascriptNotifier(runner).notify(new Notice(Notice.Kind.INFO, "t", "b"));
        assertEquals(1, runner.calls.size());
    }
}
