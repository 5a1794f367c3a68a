package dev.awsmfa.prompt;

import static dev.awsmfa.prompt.ScriptedAttempt.accepted;
import static dev.awsmfa.prompt.ScriptedAttempt.tryAgain;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awsmfa.platform.ProcessRunner;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DialogPromptsTest {

    static final CodeRequest REQUEST = CodeRequestTest.TWO_PROFILES;
    static final String MESSAGE = REQUEST.message();
    static final String TITLE = "aws-mfa-agent: MFA code for " + String.join(", ", REQUEST.profiles());

    static void assertNoCodeIn(FakeHelperRunner runner, List<String> codes) {
        for (List<String> argv : runner.argvs()) {
            for (String arg : argv) {
                for (String code : codes) {
                    assertFalse(arg.contains(code), "a code appeared in the argv: " + argv);
                }
            }
        }
    }

    @Nested
    @DisplayName("zenity")
    class Zenity {
        final FakeHelperRunner runner = new FakeHelperRunner();
        final ZenityPrompt prompt = new ZenityPrompt(runner);

        @Test
        @DisplayName("asks with a hidden-text entry titled for the agent, the request as its text")
        void argv() throws Exception {
            runner.answer(0, "123456\n", "");
            ScriptedAttempt attempt = new ScriptedAttempt(accepted());
            assertTrue(prompt.ask(REQUEST, attempt));
            assertEquals(
                    List.of(List.of("zenity", "--entry", "--title", TITLE, "--text", MESSAGE, "--class=aws-mfa-agent")),
                    runner.argvs());
            assertEquals(List.of("123456"), attempt.codes);
            assertEquals(Duration.ofMinutes(10), runner.calls.get(0).timeout());
        }

        @Test
        @DisplayName("doubles underscores and backslashes, which zenity would turn into mnemonics and escapes")
        void labelText() {
            assertEquals(
                    "my__profile C:\\\\x \"q\" it's <b>", ZenityPrompt.labelText("my_profile C:\\x \"q\" it's <b>"));
        }

        @Test
        @DisplayName("opens a new dialog with the reason after a rejected code, and never puts a code in argv")
        void retry() throws Exception {
            runner.answer(0, "111111\n", "").answer(0, "222222\n", "");
            ScriptedAttempt attempt = new ScriptedAttempt(tryAgain("That code was wrong."), accepted());
            assertTrue(prompt.ask(REQUEST, attempt));
            assertEquals(List.of("111111", "222222"), attempt.codes);
            List<String> second = runner.argvs().get(1);
            String secondText = second.get(second.indexOf("--text") + 1);
            assertTrue(secondText.contains("That code was wrong."), secondText);
            assertNoCodeIn(runner, attempt.codes);
        }

        @Test
        @DisplayName("stops after three codes")
        void threeCodesAtMost() throws Exception {
            runner.answer(0, "111111", "")
                    .answer(0, "222222", "")
                    .answer(0, "333333", "")
                    .answer(0, "444444", "");
            ScriptedAttempt attempt =
                    new ScriptedAttempt(tryAgain("no"), tryAgain("no"), tryAgain("no"), tryAgain("no"));
            assertTrue(prompt.ask(REQUEST, attempt));
            assertEquals(3, runner.calls.size());
        }

        @Test
        @DisplayName("treats exit 1 (Cancel or the window closed) as later")
        void cancel() throws Exception {
            runner.answer(1, "", "");
            ScriptedAttempt attempt = new ScriptedAttempt();
            assertFalse(prompt.ask(REQUEST, attempt));
            assertTrue(attempt.codes.isEmpty());
        }

        @Test
        @DisplayName("treats a dialog nobody answered in time as later")
        void timedOut() throws Exception {
            runner.fail(new ProcessRunner.TimedOut("zenity", Duration.ofMinutes(10)));
            assertFalse(prompt.ask(REQUEST, new ScriptedAttempt()));
        }

        @Test
        @DisplayName("reports a crash by its exit code, without what it printed")
        void crash() {
            runner.answer(255, "654321\n", "Gtk-WARNING cannot open display");
            PromptException e = assertThrows(PromptException.class, () -> prompt.ask(REQUEST, new ScriptedAttempt()));
            assertEquals("zenity failed with exit code 255 while asking for the MFA code", e.getMessage());
        }

        @Test
        @DisplayName("reports a helper that cannot start")
        void cannotStart() {
            runner.fail(new IOException("Cannot run program \"zenity\": error=2, No such file or directory"));
            PromptException e = assertThrows(PromptException.class, () -> prompt.ask(REQUEST, new ScriptedAttempt()));
            assertTrue(e.getMessage().startsWith("cannot run zenity to ask for the MFA code: "), e.getMessage());
        }
    }

    @Nested
    @DisplayName("kdialog")
    class Kdialog {
        @Test
        @DisplayName("asks with a password box titled for the agent, and takes the code from stdout")
        void argv() throws Exception {
            FakeHelperRunner runner = new FakeHelperRunner().answer(0, "123456\n", "");
            ScriptedAttempt attempt = new ScriptedAttempt();
            assertTrue(new KdialogPrompt(runner).ask(REQUEST, attempt));
            assertEquals(List.of(List.of("kdialog", "--title", TITLE, "--inputbox", MESSAGE)), runner.argvs());
            assertEquals(List.of("123456"), attempt.codes);
        }

        @Test
        @DisplayName("treats exit 1 as later")
        void cancel() throws Exception {
            assertFalse(
                    new KdialogPrompt(new FakeHelperRunner().answer(1, "", "")).ask(REQUEST, new ScriptedAttempt()));
        }
    }

    @Nested
    @DisplayName("osascript")
    class Osascript {
        final FakeHelperRunner runner = new FakeHelperRunner();
        final OsascriptPrompt prompt = new OsascriptPrompt(runner);

        @Test
        @DisplayName("shows display dialog with the answer visible, OK as default, and returns the text")
        void argv() throws Exception {
            runner.answer(0, "123456\n", "");
            ScriptedAttempt attempt = new ScriptedAttempt();
            assertTrue(prompt.ask(REQUEST, attempt));
            String text =
                    "Profiles: dev, prod\\nMFA device: alice (account 123456789012)\\nThe session ends in 4 min 32 s."
                            + "\\nEnter the 6-digit code from your MFA device:";
            assertEquals(
                    List.of(List.of(
                            "osascript",
                            "-e",
                            "display dialog \"" + text + "\" default answer \"\" with title \""
                                    + TITLE
                                    + "\" buttons {\"Cancel\", \"OK\"} default button \"OK\" cancel button \"Cancel\"",
                            "-e",
                            "text returned of result")),
                    runner.argvs());
            assertEquals(List.of("123456"), attempt.codes);
        }

        @Test
        @DisplayName("quotes profile names and reasons holding quotes, apostrophes and backslashes")
        void quoting() throws Exception {
            CodeRequest odd =
                    new CodeRequest(List.of("it's \"prod\"\\eu"), "GAHT1", Optional.empty(), Optional.empty());
            prompt.ask(odd, new ScriptedAttempt());
            String script = runner.argvs().get(0).get(2);
            assertTrue(
                    script.startsWith("display dialog \"Profile: it's \\\"prod\\\"\\\\eu\\nMFA device: GAHT1\\n"),
                    script);
        }

        @Test
        @DisplayName("treats error -128 (the user pressed Cancel) as later")
        void cancel() throws Exception {
            runner.answer(1, "", "0:100: execution error: User canceled. (-128)\n");
            assertFalse(prompt.ask(REQUEST, new ScriptedAttempt()));
        }

        @Test
        @DisplayName("reports any other script error as a failure")
        void otherError() {
            runner.answer(1, "", "0:12: syntax error: Expected end of line (-2741)\n");
            PromptException e = assertThrows(PromptException.class, () -> prompt.ask(REQUEST, new ScriptedAttempt()));
            assertEquals("osascript failed with exit code 1 while asking for the MFA code", e.getMessage());
        }
    }
}
