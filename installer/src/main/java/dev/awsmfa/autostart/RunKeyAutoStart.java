package dev.awsmfa.autostart;

import dev.awsmfa.platform.Os;
import dev.awsmfa.platform.ProcessResult;
import dev.awsmfa.platform.ProcessRunner;
import dev.awsmfa.platform.WindowsCommandLine;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Windows: a value under the user's Run key, set with reg.exe (per user, no admin rights). */
public final class RunKeyAutoStart implements AutoStart {

    static final String RUN_KEY = "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run";
    /** Where Settings and Task Manager record a user's switch-off, leaving the Run value in place. */
    static final String APPROVED_KEY =
            "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\StartupApproved\\Run";

    static final String VALUE = "AwsMfaAgent";

    private final ProcessRunner runner;
    private final LaunchCommand launch;

    public RunKeyAutoStart(ProcessRunner runner, LaunchCommand launch) {
        this.runner = runner;
        this.launch = launch;
    }

    public static boolean isSupported(Os os) {
        return os.isWindows();
    }

    @Override
    public String describe() {
        return RUN_KEY + " (value " + VALUE + ")";
    }

    @Override
    public boolean isEnabled() throws AutoStartException {
        return query(RUN_KEY).isPresent() && !switchedOffByUser();
    }

    @Override
    public void enable(boolean overrideUserSwitchOff) throws AutoStartException {
        boolean switchedOff = switchedOffByUser();
        if (switchedOff && !overrideUserSwitchOff) {
            throw AutoStartException.switchedOffByUser(
                    "the Startup apps settings (" + APPROVED_KEY + ", value " + VALUE + ")");
        }
        String data = new WindowsCommandLine(launch.argv()).text();
        reg(List.of("reg.exe", "add", RUN_KEY, "/v", VALUE, "/t", "REG_SZ", "/d", data, "/f"));
        if (switchedOff) {
            reg(List.of("reg.exe", "delete", APPROVED_KEY, "/v", VALUE, "/f")); // else Explorer keeps skipping it
        }
    }

    /** Removes the Run value and any switch-off record of it, so a later enable starts clean. */
    @Override
    public void disable() throws AutoStartException {
        for (String key : List.of(RUN_KEY, APPROVED_KEY)) {
            if (query(key).isPresent()) {
                reg(List.of("reg.exe", "delete", key, "/v", VALUE, "/f"));
            }
        }
    }

    /** reg.exe's output for our value under {@code key}, empty when the value is missing. */
    private Optional<String> query(String key) throws AutoStartException {
        ProcessResult result = run(List.of("reg.exe", "query", key, "/v", VALUE));
        // reg.exe exits 1 when the value is missing; its message is localised, so only the exit code counts.
        return result.succeeded() ? Optional.of(result.stdout()) : Optional.empty();
    }

    /** StartupApproved data starts with 02 (enabled) or 03 (disabled): an odd first byte is a switch-off. */
    private boolean switchedOffByUser() throws AutoStartException {
        OptionalInt first =
                query(APPROVED_KEY).map(RunKeyAutoStart::firstBinaryByte).orElse(OptionalInt.empty());
        return first.isPresent() && first.getAsInt() % 2 == 1;
    }

    /** The first byte of our REG_BINARY value in reg query output ({@code    AwsMfaAgent    REG_BINARY    0300...}). */
    static OptionalInt firstBinaryByte(String regQueryOutput) {
        for (String line : regQueryOutput.split("\\R")) {
            String[] fields = line.strip().split("\\s+");
            if (fields.length == 3
                    && fields[0].equalsIgnoreCase(VALUE)
                    && fields[1].equals("REG_BINARY")
                    && fields[2].matches("(?i)[0-9a-f]{2}.*")) {
                return OptionalInt.of(Integer.parseInt(fields[2].substring(0, 2), 16));
            }
        }
        return OptionalInt.empty();
    }

    private void reg(List<String> argv) throws AutoStartException {
        ProcessResult result = run(argv);
        if (!result.succeeded()) {
            throw new AutoStartException(
                    "reg.exe " + argv.get(1) + " failed (exit " + result.exitCode() + "): " + result.errorLine());
        }
    }

    private ProcessResult run(List<String> argv) throws AutoStartException {
        try {
            return runner.run(argv);
        } catch (IOException e) {
            throw new AutoStartException("Could not run reg.exe " + argv.get(1) + ": " + e.getMessage(), e);
        }
    }
}
