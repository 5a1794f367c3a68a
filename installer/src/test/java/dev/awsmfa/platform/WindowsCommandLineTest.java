package dev.awsmfa.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("WindowsCommandLine")
class WindowsCommandLineTest {

    @Nested
    @DisplayName("quotes an argument")
    class Quoting {

        @Test
        @DisplayName("not at all when it has no space, tab or quote")
        void plain() {
            assertEquals("C:\\Tools\\agent.exe", WindowsCommandLine.quote("C:\\Tools\\agent.exe"));
        }

        @Test
        @DisplayName("in double quotes when it has a space")
        void space() {
            assertEquals(
                    "\"C:\\Program Files\\AWS MFA Agent\\AWS MFA Agent.exe\"",
                    WindowsCommandLine.quote("C:\\Program Files\\AWS MFA Agent\\AWS MFA Agent.exe"));
        }

        @Test
        @DisplayName("doubling a trailing backslash, which would otherwise escape the closing quote")
        void trailingBackslash() {
            assertEquals("\"C:\\Users\\Jo Doe\\logs\\\\\"", WindowsCommandLine.quote("C:\\Users\\Jo Doe\\logs\\"));
        }

        @Test
        @DisplayName("escaping an inner quote, and doubling the backslashes before it")
        void innerQuote() {
            assertEquals("\"say \\\"hi\\\"\"", WindowsCommandLine.quote("say \"hi\""));
            assertEquals("\"a\\\\\\\"b\"", WindowsCommandLine.quote("a\\\"b"));
        }

        @Test
        @DisplayName("as two quotes when it is empty")
        void empty() {
            assertEquals("\"\"", WindowsCommandLine.quote(""));
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(
            strings = {
                "C:\\Program Files\\AWS MFA Agent\\AWS MFA Agent.exe",
                "C:\\Users\\Jo Doe\\logs\\",
                "C:\\Users\\Jo Doe\\say \"hi\"\\agent.jar",
                "trailing quote\"",
                "back\\\\\"slashes\" \\\\",
                "tab\there",
                "C:\\Users\\Jöe\\日本\\agent.jar",
                ""
            })
    @DisplayName("joins argv into a line that CommandLineToArgvW splits back into the same argv")
    void roundTrips(String arg) {
        List<String> argv = List.of("C:\\Java\\bin\\java.exe", "-jar", arg, "last");
        assertEquals(argv, CommandLineToArgvW.split(new WindowsCommandLine(argv).text()));
    }

    @Test
    @DisplayName("is what SystemProcessRunner hands the JDK on Windows for every argument but the program")
    void systemProcessRunnerPreQuotes() {
        assertEquals(
                List.of("reg.exe", "add", "\"a b\"", "\"\\\"C:\\Program Files\\x.exe\\\" -v\""),
                SystemProcessRunner.quotedForWindows(
                        List.of("reg.exe", "add", "a b", "\"C:\\Program Files\\x.exe\" -v")));
    }

    /** Windows' own rules for splitting a command line (the 2008+ C runtime, same as CommandLineToArgvW for arguments). */
    static final class CommandLineToArgvW {

        static List<String> split(String line) {
            List<String> argv = new ArrayList<>();
            int i = 0;
            while (true) {
                while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
                    i++;
                }
                if (i >= line.length()) {
                    return argv;
                }
                StringBuilder arg = new StringBuilder();
                boolean inQuotes = false;
                while (i < line.length() && (inQuotes || (line.charAt(i) != ' ' && line.charAt(i) != '\t'))) {
                    char c = line.charAt(i);
                    if (c == '\\') {
                        int backslashes = 0;
                        while (i < line.length() && line.charAt(i) == '\\') {
                            backslashes++;
                            i++;
                        }
                        if (i < line.length() && line.charAt(i) == '"') {
                            arg.append("\\".repeat(backslashes / 2));
                            if (backslashes % 2 == 1) {
                                arg.append('"');
                                i++;
                            }
                        } else {
                            arg.append("\\".repeat(backslashes));
                        }
                    } else if (c == '"') {
                        if (inQuotes && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                            arg.append('"'); // "" inside quotes is a literal quote
                            i += 2;
                        } else {
                            inQuotes = !inQuotes;
                            i++;
                        }
                    } else {
                        arg.append(c);
                        i++;
                    }
                }
                argv.add(arg.toString());
            }
        }
    }
}
