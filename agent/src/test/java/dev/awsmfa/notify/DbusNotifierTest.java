package dev.awsmfa.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.awsmfa.platform.ProcessRunner;
import dev.awsmfa.prompt.FakeHelperRunner;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DbusNotifierTest {

    static final Notice FAILED = new Notice(Notice.Kind.FAILED, "Renewal failed: dev", "AWS said: access denied");
    static final Notice RENEWED = new Notice(Notice.Kind.RENEWED, "Renewed: dev", "valid until 18:00");

    @Nested
    @DisplayName("through gdbus")
    class Gdbus {
        final FakeHelperRunner runner = new FakeHelperRunner();

        @Test
        @DisplayName("calls Notify with typed arguments, critical urgency for a failure, bounded to 5 s")
        void critical() {
            DbusNotifier.viaGdbus(runner).notify(FAILED);
            assertEquals(
                    List.of(List.of(
                            "gdbus",
                            "call",
                            "--session",
                            "--dest",
                            "org.freedesktop.Notifications",
                            "--object-path",
                            "/org/freedesktop/Notifications",
                            "--method",
                            "org.freedesktop.Notifications.Notify",
                            "'aws-mfa-agent'",
                            "uint32 0",
                            "'dialog-error'",
                            "'Renewal failed: dev'",
                            "'AWS said: access denied'",
                            "@as []",
                            "{'urgency': <byte 2>}",
                            "int32 5000")),
                    runner.argvs());
            assertEquals(Duration.ofSeconds(5), runner.calls.get(0).timeout());
        }

        @Test
        @DisplayName("uses normal urgency for good news")
        void normal() {
            DbusNotifier.viaGdbus(runner).notify(RENEWED);
            List<String> argv = runner.argvs().get(0);
            assertEquals("'dialog-information'", argv.get(11));
            assertEquals("{'urgency': <byte 1>}", argv.get(15));
        }

        @Test
        @DisplayName("quotes titles and bodies with apostrophes, quotes, backslashes and markup characters")
        void quoting() {
            DbusNotifier.viaGdbus(runner).notify(new Notice(Notice.Kind.EXPIRED, "it's \"prod\"", "C:\\x <b> & y > z"));
            List<String> argv = runner.argvs().get(0);
            assertEquals("'it\\'s \"prod\"'", argv.get(12));
            assertEquals("'C:\\\\x &lt;b&gt; &amp; y &gt; z'", argv.get(13));
        }

        @Test
        @DisplayName("logs a failed call and carries on")
        void failure() {
            runner.answer(1, "", "Error: GDBus.Error:org.freedesktop.DBus.Error.ServiceUnknown");
            runner.fail(new ProcessRunner.TimedOut("gdbus", Duration.ofSeconds(5)));
            DbusNotifier notifier = DbusNotifier.viaGdbus(runner);
            notifier.notify(FAILED);
            notifier.notify(FAILED);
            notifier.notify(FAILED);
            assertEquals(3, runner.calls.size());
        }

        @Test
        @DisplayName("survives a helper that cannot start")
        void cannotStart() {
            runner.fail(new IOException("Cannot run program \"gdbus\""));
            DbusNotifier.viaGdbus(runner).notify(FAILED);
            assertEquals(1, runner.calls.size());
        }
    }

    @Nested
    @DisplayName("through notify-send")
    class NotifySend {
        @Test
        @DisplayName("names the app and urgency, and ends options before the texts")
        void argv() {
            FakeHelperRunner runner = new FakeHelperRunner();
            DbusNotifier.viaNotifySend(runner)
                    .notify(new Notice(Notice.Kind.EXPIRED, "-expired: dev", "at 18:00 <UTC>"));
            assertEquals(
                    List.of(List.of(
                            "notify-send",
                            "--app-name=aws-mfa-agent",
                            "--urgency=critical",
                            "--expire-time=5000",
                            "--icon=dialog-error",
                            "--",
                            "-expired: dev",
                            "at 18:00 &lt;UTC&gt;")),
                    runner.argvs());
        }
    }

    @Nested
    @DisplayName("the GVariant string literal")
    class GvariantString {
        @Test
        @DisplayName("escapes apostrophes and backslashes, keeps double quotes and non-ASCII text")
        void quotes() {
            assertEquals("'it\\'s \"x\" \\\\ Zoë ✓ 東京'", DbusNotifier.gvariantString("it's \"x\" \\ Zoë ✓ 東京"));
        }

        @Test
        @DisplayName("writes line breaks and tabs as escapes")
        void breaks() {
            assertEquals("'a\\nb\\tc'", DbusNotifier.gvariantString("a\nb\tc"));
        }

        @Test
        @DisplayName("control characters other than breaks become blanks before quoting")
        void controls() {
            assertEquals("a b\nc", DbusNotifier.plain("a\u0000b\nc"));
        }
    }
}
