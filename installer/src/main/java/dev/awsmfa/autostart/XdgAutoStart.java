package dev.awsmfa.autostart;

import dev.awsmfa.platform.Os;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Linux and BSD desktops: a .desktop file in the user's XDG autostart folder. */
public final class XdgAutoStart implements AutoStart {

    static final String FILE_NAME = "aws-mfa-agent.desktop";

    private final EntryFile file;
    private final LaunchCommand launch;

    public XdgAutoStart(Path home, Map<String, String> env, LaunchCommand launch) {
        this.file = new EntryFile(autostartFolder(home, env).resolve(FILE_NAME));
        this.launch = launch;
    }

    /** Every free desktop reads XDG autostart, so there is nothing to probe beyond the OS family. */
    public static boolean isSupported(Os os) {
        return os.isFreedesktop();
    }

    /** ${XDG_CONFIG_HOME:-$HOME/.config}/autostart; the Base Directory spec says to ignore a relative value. */
    static Path autostartFolder(Path home, Map<String, String> env) {
        String configHome = env.getOrDefault("XDG_CONFIG_HOME", "");
        Path base = !configHome.isEmpty() && Path.of(configHome).isAbsolute()
                ? Path.of(configHome)
                : home.resolve(".config");
        return base.resolve("autostart");
    }

    @Override
    public String describe() {
        return file.path().toString();
    }

    @Override
    public boolean isEnabled() throws AutoStartException {
        Optional<String> text = file.read();
        return text.isPresent() && DesktopEntry.userSwitchOff(text.get()).isEmpty();
    }

    @Override
    public void enable(boolean overrideUserSwitchOff) throws AutoStartException {
        if (!overrideUserSwitchOff) {
            Optional<String> switchOff = file.read().flatMap(DesktopEntry::userSwitchOff);
            if (switchOff.isPresent()) {
                throw AutoStartException.switchedOffByUser(describe() + " (" + switchOff.get() + ")");
            }
        }
        file.write(new DesktopEntry(launch.argv()).render());
    }

    @Override
    public void disable() throws AutoStartException {
        file.delete();
    }
}
