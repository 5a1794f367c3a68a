package dev.awsmfa.autostart;

import dev.awsmfa.platform.Os;
import dev.awsmfa.platform.ProcessRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** macOS: a launchd LaunchAgent in ~/Library/LaunchAgents, loaded into the user's GUI session. */
public final class LaunchAgentAutoStart implements AutoStart {

    static final String LABEL = "dev.awsmfa.agent";

    private final EntryFile file;
    private final Supplier<String> uid;
    private final ProcessRunner runner;
    private final LaunchCommand launch;

    /** @param uid the user's numeric id, asked only when launchctl needs it (it may run a process) */
    public LaunchAgentAutoStart(Path home, Supplier<String> uid, ProcessRunner runner, LaunchCommand launch) {
        this.file =
                new EntryFile(home.resolve("Library").resolve("LaunchAgents").resolve(LABEL + ".plist"));
        this.uid = uid;
        this.runner = runner;
        this.launch = launch;
    }

    public static boolean isSupported(Os os) {
        return os.isMac();
    }

    @Override
    public String describe() {
        return file.path().toString();
    }

    @Override
    public boolean isEnabled() throws AutoStartException {
        Optional<String> xml = file.read();
        return xml.isPresent() && !LaunchAgentPlist.disabledByUser(xml.get(), describe());
    }

    @Override
    public void enable(boolean overrideUserSwitchOff) throws AutoStartException {
        Optional<String> xml = overrideUserSwitchOff ? Optional.empty() : file.read();
        if (xml.isPresent() && LaunchAgentPlist.disabledByUser(xml.get(), describe())) {
            throw AutoStartException.switchedOffByUser(describe() + " (Disabled=true)");
        }
        file.write(new LaunchAgentPlist(LABEL, launch.argv()).render());
        // Clears an earlier `disable`, then loads the job now. If an agent already runs, the copy launchd
        // starts sees it and exits 0, which KeepAlive{SuccessfulExit=false} does not restart.
        launchctl(List.of("launchctl", "enable", guiDomain() + "/" + LABEL));
        launchctl(List.of("launchctl", "bootstrap", guiDomain(), file.path().toString()));
    }

    /**
     * Not `bootout`: that would stop the running agent, so unticking "Start at login" in its own menu would
     * quit it. `disable` keeps launchd from starting the job again; the running agent stays until quit.
     */
    @Override
    public void disable() throws AutoStartException {
        launchctl(List.of("launchctl", "disable", guiDomain() + "/" + LABEL));
        file.delete();
    }

    /**
     * Its exit code is not checked: the usual failure is "already loaded" (bootstrap), which leaves the
     * wanted state; the file and the enabled/disabled override decide what happens at the next login.
     */
    private void launchctl(List<String> argv) throws AutoStartException {
        try {
            runner.run(argv);
        } catch (IOException e) {
            throw new AutoStartException("Could not run " + String.join(" ", argv) + ": " + e.getMessage(), e);
        }
    }

    private String guiDomain() throws AutoStartException {
        try {
            return "gui/" + uid.get();
        } catch (UncheckedIOException e) {
            throw new AutoStartException(
                    "Could not find the user id for launchctl: " + e.getCause().getMessage(), e);
        }
    }
}
