package dev.awsmfa.launch;

import dev.awsmfa.autostart.AutoStartException;
import dev.awsmfa.autostart.DesktopEntry;
import dev.awsmfa.autostart.LaunchCommand;
import dev.awsmfa.autostart.XdgAutoStart;
import dev.awsmfa.platform.Os;
import dev.awsmfa.platform.SystemProcessRunner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code install} and {@code uninstall} from the jar, for one user and without root, on Linux and BSD desktops:
 * the jar copied to {@code $XDG_DATA_HOME/aws-mfa-agent/}, an {@code aws-mfa-agent} command in
 * {@code ~/.local/bin} (a {@code sh} launcher that runs the tuned JVM on that copy), a menu entry and its icon in
 * {@code $XDG_DATA_HOME}, and start at login pointing at the launcher. Every one starts the tuned runtime.
 */
public final class UserInstall {

    /** The first lines of our launcher: a file without them in the way is the user's, and is left alone. */
    static final String LAUNCHER_MARK = "# aws-mfa-agent launcher, made by `java -jar aws-mfa-agent.jar install`";

    static final String NAME = "aws-mfa-agent";

    /** Where everything goes, from the environment as the XDG Base Directory spec reads it. */
    public record Layout(Path launcher, Path appDir, Path jar, Path menuEntry, Path icon) {
        public static Layout of(Path home, Map<String, String> env) {
            Path data = xdg(env, "XDG_DATA_HOME", home.resolve(".local/share"));
            // ~/.local/bin is where the spec and systemd's file-hierarchy put user commands; it has no variable.
            Path bin = xdg(env, "XDG_BIN_HOME", home.resolve(".local/bin"));
            Path app = data.resolve(NAME);
            return new Layout(
                    bin.resolve(NAME),
                    app,
                    app.resolve(NAME + ".jar"),
                    data.resolve("applications").resolve(NAME + ".desktop"),
                    data.resolve("icons/hicolor/256x256/apps").resolve(NAME + ".png"));
        }

        /** The spec: an unset, empty or relative value means the default. */
        private static Path xdg(Map<String, String> env, String name, Path fallback) {
            String v = env.getOrDefault(name, "");
            return !v.isEmpty() && Path.of(v).isAbsolute() ? Path.of(v) : fallback;
        }
    }

    private final Layout layout;
    private final ClassArchive.Maker archives;
    private final Path home;
    private final Map<String, String> env;
    private final Os os;

    public UserInstall(Path home, Map<String, String> env, Os os) {
        this(home, env, os, ClassArchive.dumper(new SystemProcessRunner(os)));
    }

    UserInstall(Path home, Map<String, String> env, Os os, ClassArchive.Maker archives) {
        this.layout = Layout.of(home, env);
        this.archives = archives;
        this.home = home;
        this.env = Map.copyOf(env);
        this.os = os;
    }

    public Layout layout() {
        return layout;
    }

    /** Only the XDG desktops: macOS and Windows have their own installers (.dmg, .msi). */
    public boolean isSupported() {
        return XdgAutoStart.isSupported(os);
    }

    /**
     * Installs {@code runningJar} for {@code java} (this JVM's, so the launcher starts what the user tested).
     * Returns what was done, one line each, for the user.
     */
    public List<String> install(Path runningJar, Path java) throws IOException {
        List<String> done = new ArrayList<>();
        if (Files.exists(layout.launcher()) && !isOurs(layout.launcher())) {
            throw new IOException(layout.launcher() + " exists and is not ours: move it away, then install again");
        }
        Files.createDirectories(layout.appDir());
        if (!Files.exists(layout.jar()) || !Files.isSameFile(runningJar, layout.jar())) {
            replace(layout.jar(), Files.readAllBytes(runningJar), false);
        }
        done.add("start-up archives: " + makeArchives(java));
        replace(
                layout.launcher(),
                launcherScript(java, layout.jar(), JvmOptions.forAnyJava(os)).getBytes(StandardCharsets.UTF_8),
                true);
        done.add("command:        " + layout.launcher() + onPath());
        replace(layout.icon(), icon(), false);
        replace(layout.menuEntry(), menuEntry(layout.launcher()).getBytes(StandardCharsets.UTF_8), false);
        done.add("menu entry:     " + layout.menuEntry());
        XdgAutoStart autoStart = autoStart();
        try {
            autoStart.enable(false);
            done.add("start at login: " + autoStart.describe());
        } catch (AutoStartException e) {
            done.add("start at login: left off, " + e.getMessage());
        }
        return done;
    }

    /** Removes what {@link #install} made; start at login only when it points at our launcher. */
    public List<String> uninstall() throws IOException {
        List<String> done = new ArrayList<>();
        XdgAutoStart autoStart = autoStart();
        try {
            Optional<String> entry = read(Path.of(autoStart.describe()));
            if (entry.isPresent() && entry.get().contains(layout.launcher().toString())) {
                autoStart.disable();
                done.add("removed " + autoStart.describe());
            }
        } catch (AutoStartException e) {
            throw new IOException(e.getMessage(), e);
        }
        if (Files.exists(layout.launcher()) && !isOurs(layout.launcher())) {
            done.add("left " + layout.launcher() + " alone: it is not ours");
        } else if (Files.deleteIfExists(layout.launcher())) {
            done.add("removed " + layout.launcher());
        }
        for (Path p : List.of(
                layout.menuEntry(), layout.icon(), layout.jar(), archive("run"), archive("cli"), archive("status"))) {
            if (Files.deleteIfExists(p)) {
                done.add("removed " + p);
            }
        }
        try {
            Files.deleteIfExists(layout.appDir()); // only when empty: anything else in it is not ours
        } catch (java.nio.file.DirectoryNotEmptyException e) {
            done.add("left " + layout.appDir() + ": it holds files we did not put there");
        }
        return done;
    }

    /**
     * The same AppCDS archives the .deb's postinst makes (linux/dump-cds.sh): run.jsa for the tray agent, cli.jsa
     * for the commands. A renewal then loads its classes mapped instead of parsed from the jar (measured in
     * docs/BENCHMARKS.md). A failed dump only costs start-up time: the launcher skips a missing archive.
     */
    private String makeArchives(Path java) throws IOException {
        List<String> made = new ArrayList<>();
        for (String name : List.of("run", "cli", "status")) {
            try {
                Files.deleteIfExists(archive(name));
                if (ClassArchive.dump(archives, java, layout.jar(), name, archive(name))) {
                    made.add(archive(name).getFileName().toString());
                }
            } catch (IOException e) {
                made.add(name + ".jsa failed (" + e.getMessage() + "; starts a little slower)");
            }
        }
        return String.join(", ", made);
    }

    Path archive(String name) {
        return layout.appDir().resolve(name + ".jsa");
    }

    private XdgAutoStart autoStart() {
        return new XdgAutoStart(
                home, env, new LaunchCommand(List.of(layout.launcher().toString())));
    }

    private String onPath() {
        String dir = layout.launcher().getParent().toString();
        boolean listed = List.of(env.getOrDefault("PATH", "").split(":")).contains(dir);
        return listed ? "" : " (not on your PATH yet: add " + dir + " to PATH, or log in again)";
    }

    /**
     * The command: the jar copy on the JVM that installed it (else {@code java} on PATH, should that JVM be
     * removed), with the agent's options. Single quotes around every path: nothing in them is special to sh.
     */
    static String launcherScript(Path java, Path jar, List<String> jvmOptions) {
        Path app = jar.getParent();
        StringBuilder s = new StringBuilder("#!/bin/sh\n")
                .append(LAUNCHER_MARK)
                .append('\n')
                .append(
                        "# `aws-mfa-agent uninstall` removes it. The agent's JVM options are installer/src/package/app.args;\n")
                .append(
                        "# run.jsa (tray agent), status.jsa and cli.jsa (commands) are the class data sharing archives install made.\n")
                .append("java=")
                .append(shellQuote(java.toString()))
                .append('\n')
                .append("[ -x \"$java\" ] || java=java\n")
                .append("case ${1:-run} in run|-*) jsa=")
                .append(shellQuote(app.resolve("run.jsa").toString()))
                .append(" ;; status) jsa=")
                .append(shellQuote(app.resolve("status.jsa").toString()))
                .append(" ;; *) jsa=")
                .append(shellQuote(app.resolve("cli.jsa").toString()))
                .append(" ;; esac\n")
                .append("cds=-Xshare:auto   # the default; a missing archive only costs start-up time\n")
                .append("[ -f \"$jsa\" ] && cds=-XX:SharedArchiveFile=$jsa\n")
                .append("exec \"$java\" \"$cds\"");
        for (String option : jvmOptions) {
            s.append(' ').append(shellQuote(option));
        }
        return s.append(" -cp ")
                .append(shellQuote(jar.toString()))
                .append(" dev.awsmfa.cli.Main \"$@\"\n")
                .toString();
    }

    static String shellQuote(String s) {
        return s.matches("[A-Za-z0-9_./:=+,@%-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }

    static String menuEntry(Path launcher) {
        return "[Desktop Entry]\n"
                + "Type=Application\n"
                + "Name=AWS MFA Agent\n"
                + "GenericName=AWS MFA session agent\n"
                + "Comment=Keeps AWS CLI MFA sessions fresh\n"
                + "Exec=" + DesktopEntry.execValue(List.of(launcher.toString())) + "\n"
                + "Icon=" + NAME + "\n"
                + "Terminal=false\n"
                + "StartupNotify=false\n"
                + "Categories=Utility;\n"
                + "Keywords=AWS;MFA;STS;credentials;session;\n";
    }

    private static boolean isOurs(Path launcher) throws IOException {
        return read(launcher).map(t -> t.contains(LAUNCHER_MARK)).orElse(false);
    }

    private static Optional<String> read(Path file) throws IOException {
        try {
            return Optional.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private static byte[] icon() throws IOException {
        try (InputStream in = UserInstall.class.getResourceAsStream("icons/aws-mfa-agent-256.png")) {
            if (in == null) {
                throw new IOException("the icon is missing from the jar (a broken build)");
            }
            return in.readAllBytes();
        }
    }

    /** Through a temp file in the same folder and a rename: a crash never leaves half a launcher or jar. */
    private static void replace(Path target, byte[] content, boolean executable) throws IOException {
        Path folder = Files.createDirectories(target.toAbsolutePath().getParent());
        Path temp = Files.createTempFile(folder, "." + target.getFileName(), ".tmp");
        try {
            Files.write(temp, content);
            Files.setPosixFilePermissions(
                    temp, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
