package dev.awsmfa.autostart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awsmfa.platform.ProcessResult;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("RunKeyAutoStart")
class RunKeyAutoStartTest {

    static final String RUN = "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run";
    static final String APPROVED = "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\StartupApproved\\Run";

    static final List<String> QUERY_RUN = List.of("reg.exe", "query", RUN, "/v", "AwsMfaAgent");
    static final List<String> QUERY_APPROVED = List.of("reg.exe", "query", APPROVED, "/v", "AwsMfaAgent");

    static final LaunchCommand LAUNCHER =
            new LaunchCommand(List.of("C:\\Users\\Jo Doe\\AppData\\Local\\AWS MFA Agent\\AWS MFA Agent.exe"));

    /** What reg.exe prints, CRLF and four-space columns included. */
    static final ProcessResult RUN_PRESENT = new ProcessResult(
            0,
            "\r\n"
                    + "HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\r\n"
                    + "    AwsMfaAgent    REG_SZ    \"C:\\Users\\Jo Doe\\AppData\\Local\\AWS MFA Agent\\AWS MFA Agent.exe\"\r\n"
                    + "\r\n",
            "");

    static final ProcessResult NOT_FOUND =
            new ProcessResult(1, "", "ERROR: The system was unable to find the specified registry key or value.\r\n");

    static ProcessResult approved(String hex) {
        return new ProcessResult(
                0,
                "\r\n"
                        + "HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\StartupApproved\\Run\r\n"
                        + "    AwsMfaAgent    REG_BINARY    " + hex + "\r\n"
                        + "\r\n",
                "");
    }

    static final ProcessResult SWITCHED_ON = approved("020000000000000000000000");
    static final ProcessResult SWITCHED_OFF = approved("03000000A6B0C2D1E49BDA01");

    final FakeProcessRunner runner = new FakeProcessRunner();

    private RunKeyAutoStart autoStart(LaunchCommand launch) {
        return new RunKeyAutoStart(runner, launch);
    }

    private FakeProcessRunner registry(ProcessResult run, ProcessResult approved) {
        return runner.answer(QUERY_RUN, run).answer(QUERY_APPROVED, approved);
    }

    private static List<String> add(String data) {
        return List.of("reg.exe", "add", RUN, "/v", "AwsMfaAgent", "/t", "REG_SZ", "/d", data, "/f");
    }

    @Nested
    @DisplayName("enable")
    class Enable {

        @Test
        @DisplayName("adds the Run value with the quoted launcher path, after checking for a switch-off")
        void addsRunValue() throws Exception {
            registry(NOT_FOUND, NOT_FOUND);

            autoStart(LAUNCHER).enable(false);

            assertEquals(
                    List.of(
                            QUERY_APPROVED,
                            add("\"C:\\Users\\Jo Doe\\AppData\\Local\\AWS MFA Agent\\AWS MFA Agent.exe\"")),
                    runner.calls);
        }

        @Test
        @DisplayName("quotes each argument by the CommandLineToArgvW rules: spaces, a trailing backslash, a quote")
        void quotesArguments() throws Exception {
            registry(NOT_FOUND, NOT_FOUND);
            LaunchCommand java = new LaunchCommand(List.of(
                    "C:\\Program Files\\Java\\jdk-17\\bin\\java.exe",
                    "-Xmx48m",
                    "-Dlogs=C:\\Users\\Jo Doe\\logs\\",
                    "-Dmotd=say \"hi\"",
                    "-jar",
                    "C:\\Users\\Jo Doe\\aws-mfa-agent.jar"));

            autoStart(java).enable(false);

            assertEquals(
                    add("\"C:\\Program Files\\Java\\jdk-17\\bin\\java.exe\" -Xmx48m"
                            + " \"-Dlogs=C:\\Users\\Jo Doe\\logs\\\\\" \"-Dmotd=say \\\"hi\\\"\" -jar"
                            + " \"C:\\Users\\Jo Doe\\aws-mfa-agent.jar\""),
                    runner.calls.get(1));
        }

        @Test
        @DisplayName("over a user's switch-off in Startup apps refuses without override, saying where and how")
        void refusesSwitchOff() {
            registry(RUN_PRESENT, SWITCHED_OFF);

            AutoStartException e = assertThrows(
                    AutoStartException.class, () -> autoStart(LAUNCHER).enable(false));

            assertEquals(
                    "Start at login was switched off by the user in the Startup apps settings (" + APPROVED
                            + ", value AwsMfaAgent); pass --force to turn it back on",
                    e.getMessage());
            assertEquals(List.of(QUERY_APPROVED), runner.calls);
        }

        @Test
        @DisplayName("over a user's switch-off with override rewrites the value and clears the switch-off")
        void overridesSwitchOff() throws Exception {
            registry(RUN_PRESENT, SWITCHED_OFF);

            autoStart(LAUNCHER).enable(true);

            assertEquals(
                    List.of(
                            QUERY_APPROVED,
                            add("\"C:\\Users\\Jo Doe\\AppData\\Local\\AWS MFA Agent\\AWS MFA Agent.exe\""),
                            List.of("reg.exe", "delete", APPROVED, "/v", "AwsMfaAgent", "/f")),
                    runner.calls);
        }

        @Test
        @DisplayName("reports a failing reg.exe with its exit code and message in one line")
        void reportsFailure() {
            registry(NOT_FOUND, NOT_FOUND)
                    .answer(
                            add("\"C:\\Users\\Jo Doe\\AppData\\Local\\AWS MFA Agent\\AWS MFA Agent.exe\""),
                            new ProcessResult(1, "", "ERROR: Access is denied.\r\n"));

            AutoStartException e = assertThrows(
                    AutoStartException.class, () -> autoStart(LAUNCHER).enable(false));

            assertEquals("reg.exe add failed (exit 1): ERROR: Access is denied.", e.getMessage());
        }
    }

    @Nested
    @DisplayName("isEnabled is")
    class IsEnabled {

        @Test
        @DisplayName("true with the Run value and no StartupApproved value")
        void runValueOnly() throws Exception {
            registry(RUN_PRESENT, NOT_FOUND);
            assertTrue(autoStart(LAUNCHER).isEnabled());
        }

        @Test
        @DisplayName("true with the Run value approved (02 ...)")
        void approvedOn() throws Exception {
            registry(RUN_PRESENT, SWITCHED_ON);
            assertTrue(autoStart(LAUNCHER).isEnabled());
        }

        @Test
        @DisplayName("false when the user switched it off (03 ...)")
        void approvedOff() throws Exception {
            registry(RUN_PRESENT, SWITCHED_OFF);
            assertFalse(autoStart(LAUNCHER).isEnabled());
        }

        @Test
        @DisplayName("false without the Run value")
        void noRunValue() throws Exception {
            registry(NOT_FOUND, SWITCHED_ON);
            assertFalse(autoStart(LAUNCHER).isEnabled());
        }
    }

    @Nested
    @DisplayName("disable")
    class Disable {

        @Test
        @DisplayName("deletes the Run value and the user's switch-off record")
        void deletesBoth() throws Exception {
            registry(RUN_PRESENT, SWITCHED_OFF);

            autoStart(LAUNCHER).disable();

            assertEquals(
                    List.of(
                            QUERY_RUN,
                            List.of("reg.exe", "delete", RUN, "/v", "AwsMfaAgent", "/f"),
                            QUERY_APPROVED,
                            List.of("reg.exe", "delete", APPROVED, "/v", "AwsMfaAgent", "/f")),
                    runner.calls);
        }

        @Test
        @DisplayName("deletes nothing when there is nothing")
        void nothingToDelete() throws Exception {
            registry(NOT_FOUND, NOT_FOUND);

            autoStart(LAUNCHER).disable();

            assertEquals(List.of(QUERY_RUN, QUERY_APPROVED), runner.calls);
        }
    }

    @Nested
    @DisplayName("reads the first byte of reg query's REG_BINARY output")
    class FirstByte {

        @Test
        @DisplayName("in upper or lower case hex")
        void hex() {
            assertEquals(OptionalInt.of(3), RunKeyAutoStart.firstBinaryByte(SWITCHED_OFF.stdout()));
            assertEquals(
                    OptionalInt.of(6),
                    RunKeyAutoStart.firstBinaryByte(
                            approved("06000000a6b0c2d1e49bda01").stdout()));
        }

        @Test
        @DisplayName("and finds none in output without our value")
        void none() {
            assertEquals(OptionalInt.empty(), RunKeyAutoStart.firstBinaryByte(RUN_PRESENT.stdout()));
            assertEquals(OptionalInt.empty(), RunKeyAutoStart.firstBinaryByte(""));
        }
    }

    @Test
    @DisplayName("describes itself as the Run key and value")
    void describes() {
        assertEquals(RUN + " (value AwsMfaAgent)", autoStart(LAUNCHER).describe());
    }
}
