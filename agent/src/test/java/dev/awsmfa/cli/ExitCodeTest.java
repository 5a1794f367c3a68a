package dev.awsmfa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awsmfa.renew.RenewFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** One exit-code table: the enum, README's "Exit codes" and the renew failures agree. */
class ExitCodeTest {

    @Test
    @DisplayName("README's exit-code table is the enum: the same codes with the same meanings, in order")
    void readmeShowsTheEnum() throws Exception {
        String readme = Files.readString(Path.of("../README.md"));
        int start = readme.indexOf("### Exit codes");
        assertTrue(start >= 0, "README has an Exit codes section");
        String section = readme.substring(start, readme.indexOf("\n#", start + 1));
        Map<Integer, String> documented = new LinkedHashMap<>();
        Matcher row = Pattern.compile("(?m)^\\| (\\d+) \\| (.+) \\|$").matcher(section);
        while (row.find()) {
            documented.put(Integer.valueOf(row.group(1)), row.group(2));
        }
        Map<Integer, String> codes = new LinkedHashMap<>();
        Arrays.stream(ExitCode.Code.values()).forEach(c -> codes.put(c.value, c.meaning));
        assertEquals(codes, documented);
    }

    @Test
    @DisplayName(
            "every renew failure exits with a documented code of the same name (a malformed code is a usage error)")
    void failuresUseTheTable() {
        for (RenewFailure.Reason r : RenewFailure.Reason.values()) {
            ExitCode.Code code =
                    ExitCode.Code.of(r.exitCode).orElseThrow(() -> new AssertionError(r + " undocumented"));
            assertEquals(r == RenewFailure.Reason.BAD_CODE_FORMAT ? "USAGE" : r.name(), code.name(), r.toString());
        }
    }

    @Test
    @DisplayName("the tray agent without a display says so in one line and exits 11, not 1 (internal error)")
    void noDisplay(@org.junit.jupiter.api.io.TempDir Path home) {
        dev.awsmfa.testing.CliRun.Result r = new dev.awsmfa.testing.CliRun(home).run("run");
        assertEquals(ExitCode.Code.NO_DISPLAY.value, r.exit(), r.all());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("no display"), r.err());
    }
}
