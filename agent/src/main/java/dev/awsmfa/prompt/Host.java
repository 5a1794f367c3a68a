package dev.awsmfa.prompt;

import dev.awsmfa.platform.Os;
import java.awt.GraphicsEnvironment;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What the machine offers a prompt or a notification, read once and injected, so the choice of driver is a
 * pure function that tests can run for every OS.
 *
 * @param os       found once, by {@link Os#current()}
 * @param onPath   whether a program of that name is on PATH
 * @param headless whether AWT can show no window ({@link GraphicsEnvironment#isHeadless()})
 * @param console  whether a terminal is attached ({@code System.console() != null})
 */
public record Host(Os os, Map<String, String> env, Predicate<String> onPath, boolean headless, boolean console) {

    public Host {
        env = Map.copyOf(env);
    }

    /** Without the environment: it may hold AWS_SECRET_ACCESS_KEY or AWS_SESSION_TOKEN. */
    @Override
    public String toString() {
        return "Host[" + os + (headless ? ", headless" : "") + (console ? ", console" : "") + "]";
    }

    public static Host current(Os os) {
        Map<String, String> env = System.getenv();
        return new Host(os, env, new PathSearch(env, os), GraphicsEnvironment.isHeadless(), System.console() != null);
    }

    public boolean isWindows() {
        return os.isWindows();
    }

    public boolean isMac() {
        return os.isMac();
    }

    /** Linux and the BSDs: where zenity, kdialog and freedesktop notifications live. */
    public boolean isFreedesktop() {
        return !isWindows() && !isMac();
    }

    public boolean has(String envName) {
        String value = env.get(envName);
        return value != null && !value.isBlank();
    }

    /** An X11 or Wayland session to show a helper's window on. */
    public boolean hasLinuxDisplay() {
        return has("DISPLAY") || has("WAYLAND_DISPLAY");
    }
}
