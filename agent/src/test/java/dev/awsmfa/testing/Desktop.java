package dev.awsmfa.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A private desktop for tests that drive real windows: an Xvfb display chosen by Xvfb itself and a private
 * session bus, plus, on request, a notification server, a recorder of notifications and a tray host.
 * Every X tool runs under {@code timeout} (a client holding a server grab would block it forever), and
 * {@link #close()} stops every process this started, newest first.
 *
 * <p>Missing tools skip the test, unless {@code AWS_MFA_AGENT_REQUIRE_DESKTOP=1} (CI), which fails it.
 * Logs of the helpers go to {@code target/desktop/}.
 */
public final class Desktop implements AutoCloseable {
    public static final String REQUIRE_ENV = "AWS_MFA_AGENT_REQUIRE_DESKTOP";
    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(10);
    private static final Map<String, String> PACKAGES = Map.ofEntries(
            Map.entry("Xvfb", "xvfb"),
            Map.entry("xdpyinfo", "x11-utils"),
            Map.entry("xwininfo", "x11-utils"),
            Map.entry("xdotool", "xdotool"),
            Map.entry("import", "imagemagick"),
            Map.entry("timeout", "coreutils"),
            Map.entry("dbus-daemon", "dbus"),
            Map.entry("dbus-monitor", "dbus"),
            Map.entry("gdbus", "libglib2.0-bin"),
            Map.entry("notify-send", "libnotify-bin"),
            Map.entry("dunst", "dunst"),
            Map.entry("trayer", "trayer"),
            Map.entry("zenity", "zenity"),
            Map.entry("kdialog", "kdialog"),
            Map.entry("setpriv", "util-linux"),
            Map.entry("dbus-run-session", "dbus-daemon"),
            Map.entry("dbus-update-activation-environment", "dbus-bin"),
            Map.entry("xfce4-panel", "xfce4-panel"),
            Map.entry("xfwm4", "xfwm4"));

    /** A window's place on the screen. */
    public record Geometry(int x, int y, int width, int height) {
        public int centerX() {
            return x + width / 2;
        }

        public int centerY() {
            return y + height / 2;
        }
    }

    /** The visible panel of a started trayer. */
    public record TrayPanel(String window, Geometry geometry) {}

    /** One Notify call as the session bus carried it. */
    public record Notification(
            String appName, String icon, String summary, String body, int urgency, int expireMillis) {}

    /**
     * The user the session runs as: root (CI's {@code mvn verify}) switches every process to a normal user with
     * setpriv, as a desktop runs them; anyone else runs the session as themselves. The home is a fresh folder.
     */
    public record SessionUser(String name, int uid, int gid, Path home) {
        /** The user CI creates (.ci/run: {@code useradd -m aws-mfa-desktop}); another one with this variable. */
        public static final String USER_ENV = "AWS_MFA_AGENT_DESKTOP_USER";

        public static final String DEFAULT_NAME = "aws-mfa-desktop";

        /** When root: the test user (skips or fails as {@link #require} when missing); else the current user. */
        public static SessionUser forTests() throws IOException {
            boolean root = "0".equals(idOf("-u", ""));
            String name = root ? System.getenv().getOrDefault(USER_ENV, DEFAULT_NAME) : System.getProperty("user.name");
            String uid = idOf("-u", name);
            if (uid.isEmpty()) {
                String missing = "no user " + name
                        + " to run the desktop session as (create it as .ci/run does: useradd -m " + name + ")";
                if ("1".equals(System.getenv(REQUIRE_ENV))) {
                    fail(missing + ", but " + REQUIRE_ENV + "=1 requires the desktop tests to run");
                }
                assumeTrue(false, missing);
            }
            Path home = Files.createTempDirectory(Path.of("/tmp"), "aws-mfa-home-");
            SessionUser user = new SessionUser(name, Integer.parseInt(uid), Integer.parseInt(idOf("-g", name)), home);
            user.own(home);
            return user;
        }

        /** Whether processes must be switched to this user (the test runs as root, the user is not). */
        public boolean switched() {
            return uid != 0 && "0".equals(idOf("-u", ""));
        }

        /** Hands files the test wrote (recursively) to the user, as if they had written them. */
        public void own(Path path) throws IOException {
            if (switched()) {
                try {
                    Process p = new ProcessBuilder("chown", "-R", uid + ":" + gid, path.toString())
                            .inheritIO()
                            .start();
                    if (p.waitFor() != 0) {
                        throw new IOException("chown " + path + " failed");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }
        }

        /** {@code setpriv} in front of a command when switching: the environment passes unchanged. */
        List<String> wrap(List<String> argv) {
            if (!switched()) {
                return argv;
            }
            List<String> full =
                    new ArrayList<>(List.of("setpriv", "--reuid=" + uid, "--regid=" + gid, "--init-groups", "--"));
            full.addAll(argv);
            return full;
        }

        private static String idOf(String flag, String name) {
            try {
                Process p = new ProcessBuilder(name.isEmpty() ? List.of("id", flag) : List.of("id", flag, name))
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                return p.waitFor() == 0 ? out : "";
            } catch (IOException e) {
                return "";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "";
            }
        }
    }

    private final Path logs;
    private final Optional<SessionUser> user;
    private final Deque<Process> processes = new ArrayDeque<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private final Thread shutdownHook = new Thread(this::stopAll, "desktop cleanup");
    private String display;

    private Desktop(Path logs, Optional<SessionUser> user) {
        this.logs = logs;
        this.user = user;
    }

    /** Starts Xvfb and a session bus, retrying once: a fresh Xvfb occasionally does not answer. */
    public static Desktop start() {
        return start(Optional.empty());
    }

    /**
     * A session as a desktop runs it for {@code user}: every process as that user (setpriv), HOME,
     * XDG_CONFIG_HOME and XDG_RUNTIME_DIR in the user's fresh home, the bus from dbus-run-session, and the
     * activation environment updated so that services the bus starts (xfconfd) see the display.
     */
    public static Desktop startAs(SessionUser user) {
        require("setpriv", "dbus-run-session", "dbus-update-activation-environment");
        return start(Optional.of(user));
    }

    private static Desktop start(Optional<SessionUser> user) {
        require("timeout", "Xvfb", "xdpyinfo", "xdotool", "dbus-daemon");
        Throwable first = null;
        for (int attempt = 1; attempt <= 2; attempt++) {
            Desktop desktop = new Desktop(
                    Path.of(
                            "target",
                            "desktop",
                            "run-" + ProcessHandle.current().pid() + "-" + System.nanoTime()),
                    user);
            try {
                desktop.boot();
                return desktop;
            } catch (IOException | RuntimeException | AssertionError e) {
                desktop.close();
                if (first != null) {
                    AssertionError twice = new AssertionError(
                            "could not start a private X display and bus, twice; logs in "
                                    + desktop.logs.toAbsolutePath(),
                            e);
                    twice.addSuppressed(first);
                    throw twice;
                }
                first = e;
            }
        }
        throw new IllegalStateException("unreachable");
    }

    /** Skips the test when a tool is missing, or fails it when {@value #REQUIRE_ENV}=1. */
    public static void require(String... tools) {
        for (String tool : tools) {
            if (!onPath(tool)) {
                String missing = tool + " is not installed (Debian package " + PACKAGES.getOrDefault(tool, tool) + ")";
                if ("1".equals(System.getenv(REQUIRE_ENV))) {
                    fail(missing + ", but " + REQUIRE_ENV + "=1 requires the desktop tests to run");
                }
                assumeTrue(false, missing + "; set " + REQUIRE_ENV + "=1 to fail instead of skipping");
            }
        }
    }

    static boolean onPath(String tool) {
        return Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, tool))
                .anyMatch(Files::isExecutable);
    }

    private void boot() throws IOException {
        Files.createDirectories(logs);
        if (user.isPresent()) {
            Path home = user.get().home();
            Path runtime = Files.createDirectories(home.resolve("run"));
            Files.setPosixFilePermissions(
                    runtime, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
            Files.createDirectories(home.resolve(".config"));
            user.get().own(home);
            env.put("HOME", home.toString());
            env.put("USER", user.get().name());
            env.put("LOGNAME", user.get().name());
            env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
            env.put("XDG_RUNTIME_DIR", runtime.toString());
        }
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        // -displayfd: Xvfb picks a free display and writes its number to fd 1 (a file here); other sessions may hold :0
        // or :99.
        // -noreset: by default the server resets when its last client leaves, refusing the next test's first
        // connection.
        Path displayFile = logs.resolve("display");
        Process xvfb = startLogged(
                "Xvfb",
                List.of("Xvfb", "-displayfd", "1", "-screen", "0", "1280x800x24", "-nolisten", "tcp", "-noreset"),
                ProcessBuilder.Redirect.to(displayFile.toFile()));
        waitUntil(
                Duration.ofSeconds(10),
                () -> read(displayFile).strip().matches("\\d+") || !xvfb.isAlive(),
                "Xvfb to print its display number");
        if (!xvfb.isAlive()) {
            throw new IOException("Xvfb exited with " + xvfb.exitValue() + "; see " + logs.resolve("Xvfb.log"));
        }
        display = ":" + read(displayFile).strip();
        env.put("DISPLAY", display);
        env.put("NO_AT_BRIDGE", "1"); // no accessibility bus activated per GTK client
        env.put("GDK_GL", "disable"); // no Mesa/LLVM load for GTK's OpenGL probe
        waitUntil(
                Duration.ofSeconds(10),
                () -> run(Duration.ofSeconds(3), "xdpyinfo").exitCode() == 0,
                "Xvfb to answer on " + display);
        // A bus of our own, started with DISPLAY so that services it activates (a notification daemon) can show
        // windows.
        Path busFile = logs.resolve("bus-address");
        if (user.isPresent()) {
            // As a login does: dbus-run-session holds the bus for as long as its child (here: a sleep we stop) lives.
            startLogged(
                    "dbus-run-session",
                    List.of(
                            "dbus-run-session",
                            "--",
                            "sh",
                            "-c",
                            "echo \"$DBUS_SESSION_BUS_ADDRESS\"; exec sleep 86400"),
                    ProcessBuilder.Redirect.to(busFile.toFile()));
        } else {
            startLogged(
                    "dbus-daemon",
                    List.of("dbus-daemon", "--session", "--nofork", "--nopidfile", "--print-address=1"),
                    ProcessBuilder.Redirect.to(busFile.toFile()));
        }
        waitUntil(Duration.ofSeconds(10), () -> read(busFile).contains("\n"), "the session bus to print its address");
        env.put("DBUS_SESSION_BUS_ADDRESS", read(busFile).strip());
        if (user.isPresent()) {
            Result r = run(
                    Duration.ofSeconds(10),
                    "dbus-update-activation-environment",
                    "HOME",
                    "DISPLAY",
                    "XDG_CONFIG_HOME",
                    "XDG_RUNTIME_DIR",
                    "NO_AT_BRIDGE");
            if (r.exitCode() != 0) {
                throw new IOException("dbus-update-activation-environment failed: " + r.stderr());
            }
        }
    }

    /** The session's user, when started with {@link #startAs}. */
    public Optional<SessionUser> user() {
        return user;
    }

    public String display() {
        return display;
    }

    /** DISPLAY, DBUS_SESSION_BUS_ADDRESS, NO_AT_BRIDGE=1, GDK_GL=disable: add these to any process shown here. */
    public Map<String, String> env() {
        return Map.copyOf(env);
    }

    /** A process builder with this desktop's environment (and no Wayland, so toolkits use our X display). */
    public ProcessBuilder command(List<String> argv) {
        ProcessBuilder builder = new ProcessBuilder(user.map(u -> u.wrap(argv)).orElse(argv));
        builder.environment().remove("WAYLAND_DISPLAY");
        builder.environment().putAll(env);
        return builder;
    }

    /** Starts a process that {@link #close()} will stop. */
    public Process launch(ProcessBuilder builder) throws IOException {
        Process p = builder.start();
        synchronized (processes) {
            processes.push(p);
        }
        return p;
    }

    /** Starts a helper with its output in target/desktop/NAME.log, stopped by {@link #close()}. */
    public Process launchLogged(String name, List<String> argv) throws IOException {
        return startLogged(
                name,
                argv,
                ProcessBuilder.Redirect.appendTo(logs.resolve(name + ".log").toFile()));
    }

    private Process startLogged(String name, List<String> argv, ProcessBuilder.Redirect stdout) throws IOException {
        ProcessBuilder builder = command(argv)
                .redirectOutput(stdout)
                .redirectError(ProcessBuilder.Redirect.appendTo(
                        logs.resolve(name + ".log").toFile()));
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        return launch(builder);
    }

    // ---- X tools -----------------------------------------------------------------------------------

    /** Runs xdotool under timeout; fails the test when it fails. */
    public String xdotool(String... args) {
        List<String> argv = new ArrayList<>(List.of("xdotool"));
        argv.addAll(List.of(args));
        Result r = run(TOOL_TIMEOUT, argv.toArray(String[]::new));
        if (r.exitCode() != 0) {
            throw new AssertionError(
                    "xdotool " + String.join(" ", args) + " failed (" + r.exitCode() + "): " + r.stderr());
        }
        return r.stdout().strip();
    }

    /** The visible windows whose title matches, oldest first. */
    public List<String> findWindows(String titleRegex) {
        Result r = run(TOOL_TIMEOUT, "xdotool", "search", "--onlyvisible", "--name", titleRegex);
        return r.stdout().lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** Waits for a visible window with a matching title and returns the newest one. */
    public String waitForWindow(String titleRegex, Duration within) {
        List<String> found = List.of();
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            found = findWindows(titleRegex);
            if (!found.isEmpty()) {
                return found.get(found.size() - 1);
            }
            pause(Duration.ofMillis(100));
        }
        throw new AssertionError("no visible window titled /" + titleRegex + "/ within " + within.toSeconds()
                + " s; screen: " + screenshotQuietly("no-window"));
    }

    /** Waits until no visible window has a matching title. */
    public void waitForNoWindow(String titleRegex, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (findWindows(titleRegex).isEmpty()) {
                return;
            }
            pause(Duration.ofMillis(100));
        }
        throw new AssertionError(
                "a window titled /" + titleRegex + "/ is still visible after " + within.toSeconds() + " s");
    }

    private static final Pattern CHILD_ID = Pattern.compile("^\\s+(0x[0-9a-f]+) ");

    /** Every viewable child of the root window with its geometry (xwininfo: never without -id or -root). */
    public List<Geometry> viewableTopLevels() {
        String children =
                run(Duration.ofSeconds(5), "xwininfo", "-root", "-children").stdout();
        List<Geometry> out = new ArrayList<>();
        for (String line : children.split("\n")) {
            Matcher m = CHILD_ID.matcher(line);
            if (!m.find()) {
                continue;
            }
            Map<String, String> info = new LinkedHashMap<>();
            for (String l : run(Duration.ofSeconds(5), "xwininfo", "-id", m.group(1))
                    .stdout()
                    .split("\n")) {
                String[] kv = l.strip().split(":\\s*", 2);
                if (kv.length == 2) {
                    info.put(kv[0], kv[1].strip());
                }
            }
            if ("IsViewable".equals(info.get("Map State")) && info.containsKey("Width")) {
                out.add(new Geometry(
                        Integer.parseInt(info.get("Absolute upper-left X")),
                        Integer.parseInt(info.get("Absolute upper-left Y")),
                        Integer.parseInt(info.get("Width")),
                        Integer.parseInt(info.get("Height"))));
            }
        }
        return out;
    }

    public Geometry geometry(String window) {
        Map<String, Integer> values = new LinkedHashMap<>();
        for (String line : xdotool("getwindowgeometry", "--shell", window).split("\n")) {
            String[] kv = line.split("=", 2);
            if (kv.length == 2 && kv[1].strip().matches("-?\\d+")) {
                values.put(kv[0].strip(), Integer.parseInt(kv[1].strip()));
            }
        }
        return new Geometry(values.get("X"), values.get("Y"), values.get("WIDTH"), values.get("HEIGHT"));
    }

    /**
     * Puts the pointer over the window and gives it the input focus. Without a window manager some toolkits
     * (GTK) take keys only while the pointer is over their window.
     */
    public void pointAt(String window) {
        Geometry g = geometry(window);
        xdotool("mousemove", String.valueOf(g.centerX()), String.valueOf(g.centerY()));
        run(TOOL_TIMEOUT, "xdotool", "windowfocus", "--sync", window);
    }

    /** The whole screen as a PNG (ImageMagick's import). */
    public Path screenshot(Path png) {
        require("import");
        try {
            Files.createDirectories(png.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // import runs as the session's user, who may not write here: it writes into the user's home, we move it.
        Path written = png.toAbsolutePath();
        if (user.isPresent() && user.get().switched()) {
            try {
                Path shots = user.get().home().resolve(".screenshots");
                if (!Files.isDirectory(shots)) {
                    Files.createDirectories(shots);
                    user.get().own(shots);
                }
                written = shots.resolve(System.nanoTime() + ".png");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Result r = run(TOOL_TIMEOUT, "import", "-window", "root", written.toString());
        if (r.exitCode() != 0) {
            throw new AssertionError("import failed (" + r.exitCode() + "): " + r.stderr());
        }
        if (!written.equals(png.toAbsolutePath())) {
            try {
                Files.move(written, png, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return png;
    }

    /** For failure messages: a screenshot under target/desktop/, or why there is none. */
    public String screenshotQuietly(String name) {
        try {
            return screenshot(logs.resolve(name + ".png")).toAbsolutePath().toString();
        } catch (RuntimeException | AssertionError e) {
            return "(no screenshot: " + e.getMessage() + ")";
        }
    }

    /** Saves a thread dump of a JVM under test (jstack), for a hang. */
    public Path dumpThreads(long pid, String name) {
        Path file = logs.resolve(name + ".jstack.txt");
        Path jstack = Path.of(System.getProperty("java.home"), "bin", "jstack");
        Result r = run(TOOL_TIMEOUT, jstack.toString(), String.valueOf(pid));
        try {
            Files.writeString(file, r.stdout() + r.stderr());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    // ---- notifications -----------------------------------------------------------------------------

    /** Starts dunst as the notification server and waits until it owns org.freedesktop.Notifications. */
    public void startNotificationServer() throws IOException {
        require("dunst", "gdbus");
        launchLogged("dunst", List.of("dunst"));
        awaitBusName("org.freedesktop.Notifications", "dunst");
    }

    /** Waits until {@code name} has an owner on the session bus (a service has come up). */
    public void awaitBusName(String name, String who) {
        waitUntil(
                Duration.ofSeconds(10),
                () -> run(
                                Duration.ofSeconds(3),
                                "gdbus",
                                "call",
                                "--session",
                                "--dest",
                                "org.freedesktop.DBus",
                                "--object-path",
                                "/org/freedesktop/DBus",
                                "--method",
                                "org.freedesktop.DBus.NameHasOwner",
                                name)
                        .stdout()
                        .contains("true"),
                who + " to own " + name);
    }

    /** Records every Notify call on the bus from now on (with or without a server to answer them). */
    public NotificationCapture startNotificationCapture() throws IOException {
        require("dbus-monitor");
        Path file = logs.resolve("dbus-monitor-" + System.nanoTime() + ".txt");
        startLogged(
                "dbus-monitor",
                List.of("dbus-monitor", "--session", "interface='org.freedesktop.Notifications'"),
                ProcessBuilder.Redirect.to(file.toFile()));
        // dbus-monitor becomes a monitor by acquiring (and losing) a name: after that it misses nothing
        waitUntil(
                Duration.ofSeconds(10),
                () -> read(file).contains("member=NameLost"),
                "dbus-monitor to attach to the bus");
        return new NotificationCapture(file);
    }

    /** The Notify calls dbus-monitor printed. */
    public static final class NotificationCapture {
        private static final Pattern MESSAGE_START =
                Pattern.compile("(?m)^(?=(method call|method return|signal|error) time=)");
        private static final Pattern TOP_STRING = Pattern.compile("(?ms)^   string \"(.*?)\"$");
        private static final Pattern URGENCY = Pattern.compile("string \"urgency\"\\s+variant\\s+byte (\\d+)");
        private static final Pattern EXPIRE = Pattern.compile("(?m)^   int32 (-?\\d+)$");
        private final Path file;

        NotificationCapture(Path file) {
            this.file = file;
        }

        public List<Notification> notifications() {
            List<Notification> found = new ArrayList<>();
            for (String message : MESSAGE_START.split(read(file))) {
                if (!message.startsWith("method call")
                        || !message.lines().findFirst().orElse("").contains("member=Notify")) {
                    continue;
                }
                List<String> strings = new ArrayList<>();
                Matcher m = TOP_STRING.matcher(message);
                while (m.find()) {
                    strings.add(m.group(1));
                }
                Matcher urgency = URGENCY.matcher(message);
                Matcher expire = EXPIRE.matcher(message);
                if (strings.size() >= 4) {
                    found.add(new Notification(
                            strings.get(0),
                            strings.get(1),
                            strings.get(2),
                            strings.get(3),
                            urgency.find() ? Integer.parseInt(urgency.group(1)) : -1,
                            expire.find() ? Integer.parseInt(expire.group(1)) : 0));
                }
            }
            return found;
        }

        /** Waits until at least {@code count} notifications arrived; returns them all. */
        public List<Notification> await(int count, Duration within) {
            waitUntil(within, () -> notifications().size() >= count, count + " notification(s) on the bus");
            return notifications();
        }
    }

    // ---- tray --------------------------------------------------------------------------------------

    /** Starts trayer as the tray host and returns its visible panel (the first trayer match is a 10x10 leader). */
    public TrayPanel startTray() throws IOException {
        require("trayer");
        launchLogged(
                "trayer",
                List.of(
                        "trayer",
                        "--edge",
                        "top",
                        "--align",
                        "right",
                        "--widthtype",
                        "request",
                        "--height",
                        "32",
                        "--SetDockType",
                        "true",
                        "--transparent",
                        "false",
                        "--tint",
                        "0x333333"));
        TrayPanel[] panel = new TrayPanel[1];
        waitUntil(
                Duration.ofSeconds(10),
                () -> {
                    panel[0] = trayPanel().orElse(null);
                    return panel[0] != null;
                },
                "trayer's panel");
        return panel[0];
    }

    /** The tray host's panel, now (its width grows as icons embed). */
    public Optional<TrayPanel> trayPanel() {
        Result r = run(TOOL_TIMEOUT, "xdotool", "search", "--classname", "^(trayer|panel)$");
        for (String id :
                r.stdout().lines().map(String::strip).filter(s -> !s.isEmpty()).toList()) {
            Geometry g = geometry(id);
            if (g.height() > 10) {
                return Optional.of(new TrayPanel(id, g));
            }
        }
        return Optional.empty();
    }

    // ---- plumbing ----------------------------------------------------------------------------------

    /** What a tool run left behind. */
    public record Result(int exitCode, String stdout, String stderr) {}

    /** Runs a tool under {@code timeout} with this desktop's environment. */
    public Result run(Duration limit, String... argv) {
        List<String> full =
                new ArrayList<>(List.of("timeout", "-k", "2", String.valueOf(Math.max(1, limit.toSeconds()))));
        full.addAll(List.of(argv)); // command() switches the whole line to the session's user
        try {
            Path out = Files.createTempFile("desktop-", ".out");
            Path err = Files.createTempFile("desktop-", ".err");
            try {
                Process p = command(full)
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .start();
                if (!p.waitFor(limit.toSeconds() + 5, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return new Result(124, "", "did not finish");
                }
                return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + argv[0], e);
        }
    }

    public static void waitUntil(Duration within, BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + within.toSeconds() + " s waiting for " + what);
            }
            pause(Duration.ofMillis(50));
        }
    }

    public static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** Stops every process started here, newest first (Xvfb last), with their children. */
    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // the JVM is shutting down, or the hook was never added
        }
    }

    private void stopAll() {
        List<Process> toStop;
        synchronized (processes) {
            toStop = new ArrayList<>(processes);
            processes.clear();
        }
        for (Process p : toStop) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            try {
                if (!p.waitFor(3, TimeUnit.SECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly().waitFor(3, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
