package dev.awsmfa.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awsmfa.autostart.LaunchCommand;
import dev.awsmfa.desktop.Screen.Rect;
import dev.awsmfa.prompt.CodeRequest;
import dev.awsmfa.testing.Desktop;
import dev.awsmfa.testing.Desktop.SessionUser;
import dev.awsmfa.testing.StsStub;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The agent as a user runs it: the real jar, started as a normal user (root switches to {@code aws-mfa-desktop},
 * made by .ci/run, with setpriv), in a session of its own (dbus-run-session, Xvfb, xfwm4 as the window manager,
 * dunst for notifications), with no tray type forced, on three desktops: xfce4-panel's systray (hosts
 * StatusNotifierItems and XEmbed icons), trayer (XEmbed only), and no tray host at all (GNOME as shipped).
 *
 * <p>Each run is a first start: a home that never saw the agent, and a session inside its lead time, so the code
 * prompt comes at once. The code is typed into whatever has the focus, as a user would; it must renew the
 * session and must not answer the start-at-login question. Then the tray of that desktop is checked (the SNI
 * menu over D-Bus, clicked as the panel does; the XEmbed icon by its pixels), and SIGTERM with a prompt open
 * must end the agent within 2 s.
 */
@DisplayName("The agent run by a normal user under a window manager, on an SNI panel, an XEmbed tray and no tray")
class UserSessionIT {

    static final Path JAR = Path.of(System.getProperty("aws-mfa-agent.jar", "target/aws-mfa-agent.jar"));
    static final Path DOCS = Path.of(System.getProperty("aws-mfa-agent.screenshots.dir", "../docs/screenshots"));
    /** xdotool takes POSIX regular expressions: the title has no special characters but ":". */
    static final String TITLE = "^" + CodeRequest.DIALOG_TITLE;
    /** The first-run question's title (xdotool: a POSIX regular expression). */
    static final String QUESTION = "^aws-mfa-agent: start at login";

    static final String SERIAL = "arn:aws:iam::444455556666:mfa/ops-user";
    static final Duration EXIT_WITHIN = Duration.ofSeconds(2);
    /** A second code for the same device waits for the next 30-second TOTP step (Renewer): up to 30 s, plus slack. */
    static final Duration SECOND_PROMPT_WITHIN = Duration.ofSeconds(45);

    /** The three kinds of desktop, and the tray type the agent must pick there by itself. */
    enum Host {
        XFCE_PANEL("AppIndicator"),
        TRAYER("Gtk"),
        NONE("none");

        final String expectedType;

        Host(String expectedType) {
            this.expectedType = expectedType;
        }
    }

    @ParameterizedTest
    @EnumSource(Host.class)
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    @DisplayName(
            "first start: the right tray by itself, the code typed where the focus is renews, start at login stays off")
    void firstStart(Host host) throws Exception {
        Desktop.require(
                "timeout", "Xvfb", "xdpyinfo", "xdotool", "xprop", "import", "dbus-monitor", "gdbus", "dunst", "xfwm4");
        if (host != Host.NONE) {
            Desktop.require(host == Host.XFCE_PANEL ? "xfce4-panel" : "trayer");
        }
        assertTrue(
                Files.isRegularFile(JAR), "no agent jar at " + JAR.toAbsolutePath() + ": mvn -pl agent package first");
        SessionUser user = SessionUser.forTests();
        try (StsStub stub = new StsStub();
                Desktop desktop = Desktop.startAs(user);
                Session s = new Session(host, user, desktop, stub)) {
            try {
                s.run();
            } catch (Throwable t) {
                throw s.diagnose(t);
            }
        }
    }

    /** One user session with its agent; closing stops the agent (the desktop stops the rest). */
    static final class Session implements AutoCloseable {
        private final Host host;
        private final SessionUser user;
        private final Desktop desktop;
        private final StsStub stub;
        private final Path home;
        private final Path log;
        private final Path autostartEntry;
        private final String key = "AKIA" + "EXAMPLEUSERKEY01";
        private final String secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY01";
        private final String code = String.format("%06d", 100_000 + new java.security.SecureRandom().nextInt(900_000));
        private final Screen screen;
        private Desktop.NotificationCapture notes;
        private Process agent;
        private Path out;
        private boolean failed;

        Session(Host host, SessionUser user, Desktop desktop, StsStub stub) throws IOException {
            this.host = host;
            this.user = user;
            this.desktop = desktop;
            this.stub = stub;
            this.home = user.home();
            this.log = home.resolve(".local/state/aws-mfa-agent/agent.log");
            this.autostartEntry = home.resolve(".config/autostart/aws-mfa-agent.desktop");
            this.screen = new Screen(desktop, Files.createTempDirectory("user-session-it"));
        }

        void run() throws Exception {
            startDesktop();
            writeHome(Instant.now().plusSeconds(60).truncatedTo(ChronoUnit.SECONDS));
            launchAgent();

            // The tray the agent picked, by itself, and why; dorkbox must not have overridden it (xfce ps-grep, root
            // check).
            String chosen = awaitLog("tray: ", Duration.ofSeconds(40));
            assertTrue(
                    chosen.contains("tray: " + host.expectedType + ":"),
                    "on " + host + " the agent should pick " + host.expectedType + "; it logged: " + chosen);
            if (host != Host.NONE) {
                String shown = awaitLog("Tray type ", Duration.ofSeconds(30));
                assertTrue(
                        shown.contains("Tray type " + host.expectedType + ","),
                        "dorkbox showed another type: " + shown);
            }

            // The first prompt comes by itself (the session is inside its lead); type where the focus is.
            String prompt = desktop.waitForWindow(TITLE, Duration.ofSeconds(40));
            assertEquals(
                    List.of(),
                    desktop.findWindows(QUESTION),
                    "the start-at-login question must not open " + "while a code prompt is open");
            Desktop.pause(Duration.ofMillis(500)); // a user reads the prompt first; the WM settles the focus meanwhile
            desktop.xdotool("type", "--delay", "60", code);
            desktop.xdotool("key", "Return");
            Desktop.waitUntil(
                    Duration.ofSeconds(20),
                    () -> stub.calls("GetSessionToken").stream().anyMatch(c -> code.equals(c.param("TokenCode"))),
                    "STS to receive the code typed where the focus was");
            Desktop.waitUntil(
                    Duration.ofSeconds(20),
                    () -> read(home.resolve(".aws/credentials"))
                            .contains(
                                    stub.issued().isEmpty()
                                            ? "\u0000"
                                            : stub.issued().get(0).accessKeyId()),
                    "the renewed session in the credentials file");
            awaitNotification("Renewed ops");
            assertFalse(Files.exists(autostartEntry), "start at login was switched on, by keys meant for the code");
            // Now, with no prompt open or due, the question comes (which also shows the check above could see it).
            desktop.waitForWindow(QUESTION, Duration.ofSeconds(20));
            assertEquals(List.of(), desktop.findWindows(TITLE), "no prompt is open while the question is");

            if (host == Host.NONE) {
                awaitNotification("without a tray icon");
            } else if (host == Host.XFCE_PANEL) {
                checkSniMenu();
            } else {
                checkXembedIcon();
            }
            sigtermWithPromptOpen();
            assertFalse(Files.exists(autostartEntry), "start at login must still be off");
        }

        private void startDesktop() throws IOException {
            notes = desktop.startNotificationCapture();
            desktop.startNotificationServer();
            desktop.launchLogged("xfwm4", List.of("xfwm4", "--compositor=off"));
            Desktop.waitUntil(
                    Duration.ofSeconds(20),
                    () -> desktop.run(Duration.ofSeconds(3), "xprop", "-root", "_NET_SUPPORTING_WM_CHECK")
                            .stdout()
                            .contains("window id"),
                    "xfwm4 to manage the screen");
            if (host == Host.XFCE_PANEL) {
                writePanelConfig();
                desktop.launchLogged("xfce4-panel", List.of("xfce4-panel", "--disable-wm-check"));
                Desktop.waitUntil(
                        Duration.ofSeconds(30),
                        () -> watcher("IsStatusNotifierHostRegistered").contains("true"),
                        "xfce4-panel's systray to register as a StatusNotifierHost");
            } else if (host == Host.TRAYER) {
                desktop.startTray();
            }
        }

        /** One panel at the top holding only the systray plugin (hosts SNI and XEmbed icons). */
        private void writePanelConfig() throws IOException {
            Path xml = home.resolve(".config/xfce4/xfconf/xfce-perchannel-xml/xfce4-panel.xml");
            Files.createDirectories(xml.getParent());
            Files.writeString(
                    xml,
                    String.join(
                            "\n",
                            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                            "<channel name=\"xfce4-panel\" version=\"1.0\">",
                            "  <property name=\"panels\" type=\"array\">",
                            "    <value type=\"int\" value=\"1\"/>",
                            "    <property name=\"panel-1\" type=\"empty\">",
                            "      <property name=\"position\" type=\"string\" value=\"p=6;x=0;y=0\"/>",
                            "      <property name=\"size\" type=\"uint\" value=\"32\"/>",
                            "      <property name=\"plugin-ids\" type=\"array\"><value type=\"int\" value=\"1\"/></property>",
                            "    </property>",
                            "  </property>",
                            "  <property name=\"plugins\" type=\"empty\">",
                            "    <property name=\"plugin-1\" type=\"string\" value=\"systray\"/>",
                            "  </property>",
                            "</channel>",
                            ""));
            user.own(home.resolve(".config"));
        }

        /** ops: its session ends in 60 s, its lead is 2 minutes: due at once. No agent state: a first start. */
        private void writeHome(Instant expiry) throws IOException {
            stub.addUser(key, secret, SERIAL);
            stub.acceptCodes(code);
            Files.createDirectories(home.resolve(".aws"));
            Files.writeString(
                    home.resolve(".aws/config"),
                    String.join(
                            "\n",
                            "[profile ops]",
                            "source_profile = ops-keys",
                            "mfa_serial = " + SERIAL,
                            "region = eu-west-1",
                            "aws_mfa_agent_lead_minutes = 2",
                            ""));
            Files.writeString(
                    home.resolve(".aws/credentials"),
                    String.join(
                            "\n",
                            "[ops-keys]",
                            "aws_access_key_id = " + key,
                            "aws_secret_access_key = " + secret,
                            "",
                            "[ops]",
                            "aws_access_key_id = ASIAOLDSESSION000001",
                            "aws_secret_access_key = old",
                            "aws_session_token = old",
                            "aws_session_expiration = " + expiry,
                            ""));
            Files.copy(JAR, home.resolve("aws-mfa-agent.jar"), StandardCopyOption.REPLACE_EXISTING);
            user.own(home);
        }

        /** As a session's autostart would: the user's environment, nothing of the test's (no AWS_*, no tray type). */
        private void launchAgent() throws IOException {
            List<String> argv = new ArrayList<>();
            argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            argv.addAll(LaunchCommand.DEFAULT_JVM_OPTIONS);
            argv.addAll(List.of("-jar", home.resolve("aws-mfa-agent.jar").toString()));
            ProcessBuilder b = desktop.command(argv);
            Map<String, String> env = b.environment();
            env.clear();
            env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
            env.put("LANG", "C.UTF-8");
            env.putAll(desktop.env());
            env.put("AWS_ENDPOINT_URL_STS", stub.endpoint().toString());
            env.put("AWS_EC2_METADATA_DISABLED", "true");
            out = Files.createTempFile("agent-", ".out");
            b.directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            agent = desktop.launch(b);
        }

        // ---- the trays ---------------------------------------------------------------------------------

        private String watcher(String property) {
            return desktop.run(
                            Duration.ofSeconds(5),
                            "gdbus",
                            "call",
                            "--session",
                            "--dest",
                            "org.kde.StatusNotifierWatcher",
                            "--object-path",
                            "/StatusNotifierWatcher",
                            "--method",
                            "org.freedesktop.DBus.Properties.Get",
                            "org.kde.StatusNotifierWatcher",
                            property)
                    .stdout();
        }

        private static final Pattern ITEM = Pattern.compile("'([^'/]+)(/[^']*)'");
        private static final Pattern MENU_PATH = Pattern.compile("objectpath '([^']+)'");
        private static final Pattern ENTRY = Pattern.compile("\\((\\d+), \\{[^}]*?'label': <'([^']*)'>");

        /** The icon is a registered StatusNotifierItem; its dbusmenu lists the profile; a click on it prompts. */
        private void checkSniMenu() throws IOException {
            String[] item = new String[2];
            Desktop.waitUntil(
                    Duration.ofSeconds(20),
                    () -> {
                        Matcher m = ITEM.matcher(watcher("RegisteredStatusNotifierItems"));
                        if (m.find()) {
                            item[0] = m.group(1);
                            item[1] = m.group(2);
                        }
                        return item[0] != null;
                    },
                    "the agent's StatusNotifierItem in the watcher's RegisteredStatusNotifierItems");
            String menuProp = desktop.run(
                            Duration.ofSeconds(5),
                            "gdbus",
                            "call",
                            "--session",
                            "--dest",
                            item[0],
                            "--object-path",
                            item[1],
                            "--method",
                            "org.freedesktop.DBus.Properties.Get",
                            "org.kde.StatusNotifierItem",
                            "Menu")
                    .stdout();
            Matcher mp = MENU_PATH.matcher(menuProp);
            assertTrue(mp.find(), "the item names its menu: " + menuProp);
            String menu = mp.group(1);
            String[] opsId = new String[1];
            String[] layout = new String[1];
            Desktop.waitUntil(
                    Duration.ofSeconds(20),
                    () -> {
                        // "--": -1 (the whole tree) is not an option of gdbus
                        Desktop.Result r = desktop.run(
                                Duration.ofSeconds(5),
                                "gdbus",
                                "call",
                                "--session",
                                "--dest",
                                item[0],
                                "--object-path",
                                menu,
                                "--method",
                                "com.canonical.dbusmenu.GetLayout",
                                "--",
                                "0",
                                "-1",
                                "[]");
                        layout[0] = r.stdout() + r.stderr();
                        Matcher e = ENTRY.matcher(layout[0]);
                        while (e.find()) {
                            if (e.group(2).startsWith("ops ") && !e.group(2).contains("renewing")) {
                                opsId[0] = e.group(1);
                            }
                        }
                        return opsId[0] != null;
                    },
                    "the ops entry in the menu's layout (com.canonical.dbusmenu.GetLayout): " + layout[0]);
            menuPicture();
            // A click on a profile renews it at any time (here: a fresh session), exactly as the panel sends it.
            Desktop.Result click = desktop.run(
                    Duration.ofSeconds(5),
                    "gdbus",
                    "call",
                    "--session",
                    "--dest",
                    item[0],
                    "--object-path",
                    menu,
                    "--method",
                    "com.canonical.dbusmenu.Event",
                    "--",
                    opsId[0],
                    "clicked",
                    "<''>",
                    "0");
            assertEquals(0, click.exitCode(), "dbusmenu Event failed: " + click.stderr());
            desktop.waitForWindow(TITLE, SECOND_PROMPT_WITHIN);
        }

        /** The SNI menu as the panel draws it: click the icon in the panel (README picture). */
        private void menuPicture() {
            Optional<Rect> icon = Screen.iconBounds(screen.shot(), new Rect(0, 0, 1280, 40));
            if (icon.isEmpty()) {
                return; // the menu itself was checked over D-Bus; the picture is a bonus
            }
            List<Rect> before = screen.viewableTopLevels();
            desktop.xdotool(
                    "mousemove", str(icon.get().centerX()), str(icon.get().centerY()), "click", "1");
            Optional<Rect> menu = Optional.empty();
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (menu.isEmpty() && System.nanoTime() < deadline) {
                menu = screen.newMenu(before);
            }
            if (menu.isPresent()) {
                Desktop.pause(Duration.ofMillis(300));
                BufferedImage img = screen.shot();
                Rect m = menu.get();
                picture("tray-menu-sni.png", img, m.union(icon.get()).grow(4));
            }
            desktop.xdotool("key", "Escape");
        }

        /** trayer shows the icon (by its signature colours), and its menu opens on a click (README picture). */
        private void checkXembedIcon() {
            Rect[] icon = new Rect[1];
            Desktop.waitUntil(
                    Duration.ofSeconds(20),
                    () -> {
                        icon[0] =
                                Screen.iconBounds(screen.shot(), screen.panel()).orElse(null);
                        return icon[0] != null;
                    },
                    "the agent's icon in trayer's panel");
            List<Rect> before = screen.viewableTopLevels();
            Optional<Rect> menu = Optional.empty();
            for (int click = 1; click <= 2 && menu.isEmpty(); click++) {
                desktop.xdotool("mousemove", str(icon[0].centerX()), str(icon[0].centerY()), "click", "1");
                long deadline = System.nanoTime() + Duration.ofSeconds(6).toNanos();
                while (menu.isEmpty() && System.nanoTime() < deadline) {
                    menu = screen.newMenu(before);
                }
            }
            Rect m = menu.orElseThrow(() -> new AssertionError("no menu after clicking the XEmbed icon at " + icon[0]));
            // The first row is ops: renew it now (at any time), as a user picks it.
            int rowY = m.y() + m.height() / 16 + 2;
            desktop.xdotool("mousemove", str(m.x() + m.width() / 3), str(rowY));
            Desktop.pause(Duration.ofMillis(300));
            picture(
                    "tray-menu-xembed.png",
                    screen.shot(),
                    m.union(screen.panel()).grow(2));
            desktop.xdotool("click", "1");
            desktop.waitForWindow(TITLE, SECOND_PROMPT_WITHIN);
        }

        /** Where there is no tray, "Renew" comes from the notification or the schedule: open a prompt by a due session. */
        private void sigtermWithPromptOpen() throws InterruptedException {
            if (host == Host.NONE) {
                return; // no menu to open a second prompt from; the exit is still checked in close()
            }
            assertFalse(desktop.findWindows(TITLE).isEmpty(), "a prompt is open");
            long at = System.nanoTime();
            agent.destroy();
            boolean gone = agent.waitFor(10, TimeUnit.SECONDS);
            long ms = (System.nanoTime() - at) / 1_000_000;
            System.out.println("UserSessionIT " + host + ": exit " + ms + " ms after SIGTERM with a prompt open");
            assertTrue(
                    gone && ms <= EXIT_WITHIN.toMillis(),
                    "the agent must exit within " + EXIT_WITHIN.toMillis() + " ms of SIGTERM with a prompt open; took "
                            + (gone ? ms + " ms" : "more than 10 s"));
            desktop.waitForNoWindow(TITLE, Duration.ofSeconds(5));
        }

        // ---- helpers -----------------------------------------------------------------------------------

        private String awaitLog(String marker, Duration within) {
            String[] line = new String[1];
            Desktop.waitUntil(
                    within,
                    () -> {
                        line[0] = read(log)
                                .lines()
                                .filter(l -> l.contains(marker))
                                .findFirst()
                                .orElse(null);
                        return line[0] != null || !agent.isAlive();
                    },
                    "'" + marker + "' in the agent's log");
            assertTrue(
                    line[0] != null,
                    "the agent exited (" + (agent.isAlive() ? "" : agent.exitValue()) + ") before logging '" + marker
                            + "': " + read(out));
            return line[0];
        }

        private void awaitNotification(String part) {
            Desktop.waitUntil(
                    Duration.ofSeconds(20),
                    () -> notes.notifications().stream().anyMatch(n -> (n.summary() + " " + n.body()).contains(part)),
                    "a notification with '" + part + "' (seen: "
                            + notes.notifications().stream()
                                    .map(Desktop.Notification::summary)
                                    .toList() + ")");
        }

        private BufferedImage awaitPainted(String window) {
            BufferedImage[] img = new BufferedImage[1];
            Desktop.waitUntil(
                    Duration.ofSeconds(10),
                    () -> {
                        img[0] = screen.shot();
                        return Screen.colours(img[0], Rect.of(desktop.geometry(window))) >= 8;
                    },
                    "the prompt to be painted");
            return img[0];
        }

        AssertionError diagnose(Throwable t) {
            failed = true;
            String shot = desktop.screenshotQuietly("user-session-" + host);
            String threads = agent != null && agent.isAlive()
                    ? desktop.dumpThreads(agent.pid(), "agent-" + host).toString()
                    : "-";
            return new AssertionError(
                    host + ": " + t.getMessage() + "\nscreen: " + shot + "\nagent threads: " + threads
                            + "\nagent output: " + read(out) + "\nagent log:\n" + read(log),
                    t);
        }

        @Override
        public void close() {
            if (agent != null && agent.isAlive()) {
                agent.descendants().forEach(ProcessHandle::destroyForcibly);
                agent.destroyForcibly();
            }
            if (!failed) {
                deleteTree(home); // a failure keeps it, with the agent's log, for a look
            }
        }

        private static void deleteTree(Path dir) {
            try (java.util.stream.Stream<Path> all = Files.walk(dir)) {
                all.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temp folder left behind
            }
        }

        private static Path picture(String name, BufferedImage img, Rect area) {
            return Screen.crop(img, area, DOCS.resolve(name));
        }
    }

    static String read(Path file) {
        try {
            return file != null && Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    static String str(int i) {
        return String.valueOf(i);
    }
}
