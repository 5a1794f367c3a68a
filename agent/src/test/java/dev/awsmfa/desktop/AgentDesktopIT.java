package dev.awsmfa.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awsmfa.autostart.LaunchCommand;
import dev.awsmfa.desktop.Screen.Rect;
import dev.awsmfa.prompt.CodeRequest;
import dev.awsmfa.testing.Desktop;
import dev.awsmfa.testing.Desktop.Notification;
import dev.awsmfa.testing.Fault;
import dev.awsmfa.testing.IniOracles;
import dev.awsmfa.testing.StsStub;
import dev.awsmfa.testing.StsStub.Call;
import dev.awsmfa.testing.StsStub.IssuedCredentials;
import dev.awsmfa.tray.IconState;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opentest4j.TestAbortedException;

/**
 * The agent as a user meets it: the real shaded jar ({@code -Daws-mfa-agent.jar}, default
 * {@code target/aws-mfa-agent.jar}) on a private Xvfb with trayer as the XEmbed tray host, dunst as the
 * notification server (every Notify call recorded from the session bus), a temporary HOME, and a loopback STS
 * that checks signatures and takes each MFA code once.
 *
 * <p>Two profiles on two MFA devices: {@code dev} (seed layout, never renewed: amber, waits for a click) and
 * {@code ops} (standard layout, its session ends about 60 s after start with a 2-minute lead: prompted at once).
 * <ol>
 *   <li>The ops prompt appears by itself, without any click; the right code renews ops.</li>
 *   <li>Click the icon, pick the first row (dev); a wrong code keeps the prompt open with the reason in red; the
 *       right code renews dev: the file holds exactly what STS issued; "Renewed dev" went over D-Bus.</li>
 *   <li>Again from the menu with STS failing (503): the icon turns red, "Could not renew dev", file untouched.</li>
 *   <li>A second start says "already running" and exits 0; SIGTERM stops the agent within 10 s and the icon goes.</li>
 *   <li>No secret and no code in the agent's output, its log, or any notification.</li>
 * </ol>
 * The icon is found by the exact signature colour of each state ({@code TrayIcons.signatureRgb}) inside trayer's
 * panel, so each state (amber, blue, green, red) is asserted from pixels. README pictures go to
 * {@code docs/screenshots/} ({@code -Daws-mfa-agent.screenshots.dir} to put them elsewhere); on failure a thread
 * dump of the agent and a screenshot go to {@code target/screens/}.
 *
 * <p>Skipped when a desktop tool is missing, failed instead when {@code AWS_MFA_AGENT_REQUIRE_DESKTOP=1} (CI).
 * A start-up whose icon never shows is retried once on a fresh display (a fresh Xvfb rarely hangs a tray start).
 */
@DisplayName("The real agent jar on a virtual desktop: tray, menu, prompt, notifications, schedule, quit")
class AgentDesktopIT {

    static final String TITLE = "^" + CodeRequest.DIALOG_TITLE + " for ";
    /** Unset: the agent picks the tray itself (trayer is an XEmbed tray: Gtk). Set to try another type. */
    static final String TRAY_TYPE = System.getProperty("aws-mfa-agent.it.tray-type", "");

    static final Path JAR = Path.of(System.getProperty("aws-mfa-agent.jar", "target/aws-mfa-agent.jar"));
    static final Path DOCS = Path.of(System.getProperty("aws-mfa-agent.screenshots.dir", "../docs/screenshots"));
    static final Path SCREENS = Path.of("target", "screens");
    static final String[] TOOLS = {
        "timeout",
        "Xvfb",
        "xdpyinfo",
        "xdotool",
        "xwininfo",
        "import",
        "dbus-daemon",
        "dbus-monitor",
        "gdbus",
        "dunst",
        "trayer"
    };

    static final String DEV_SERIAL = "arn:aws:iam::111122223333:mfa/dev-user";
    static final String OPS_SERIAL = "arn:aws:iam::444455556666:mfa/ops-user";
    /** How long the ops session has left when the agent starts; its lead is 2 minutes, so it is due at once. */
    static final Duration OPS_LEFT = Duration.ofSeconds(60);

    static final Duration SCHEDULED_PROMPT_WITHIN = Duration.ofSeconds(20);
    static final Duration QUIT_WITHIN = Duration.ofSeconds(10);

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    @DisplayName("renews from the tray menu and before expiry, shows every icon state, notifies, and quits cleanly")
    void theAgentOnAVirtualDesktop() throws Exception {
        Desktop.require(TOOLS);
        assertTrue(
                Files.isRegularFile(JAR),
                "no agent jar at " + JAR.toAbsolutePath()
                        + ": build it first (mvn -pl agent package), or pass -Daws-mfa-agent.jar=PATH");
        long t0 = System.nanoTime();
        Throwable firstStart = null;
        for (int attempt = 1; attempt <= 2; attempt++) {
            try (Run run = new Run(attempt)) {
                try {
                    run.start();
                } catch (TestAbortedException e) {
                    throw e;
                } catch (Exception | AssertionError e) {
                    AssertionError diagnosed = run.diagnose("start", e);
                    if (attempt == 2) {
                        diagnosed.addSuppressed(firstStart);
                        throw new AssertionError("the agent's tray icon did not come up, twice", diagnosed);
                    }
                    firstStart = diagnosed;
                    System.out.println("AgentDesktopIT: start-up failed, retrying once on a fresh display: "
                            + e.getMessage().lines().findFirst().orElse(""));
                    continue;
                }
                try {
                    run.scenario();
                } catch (Throwable t) {
                    throw run.diagnose("failure", t);
                }
                run.timing("total " + (System.nanoTime() - t0) / 1_000_000 + " ms (attempt " + attempt + ")");
                return;
            }
        }
    }

    /** One whole environment and agent; closing it stops every process it started. */
    static final class Run implements AutoCloseable {
        private final int attempt;
        private final Path dir;
        private final Path home;
        private final Path credentials;
        private final Path stateDir;
        private final SecureRandom random = new SecureRandom();

        // Secrets and codes that must never show up in output, logs or notifications.
        private final String devKey = "AKIA" + randomString(16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567");
        private final String devSecret = randomString(40, SECRET_CHARS);
        private final String opsKey = "AKIA" + randomString(16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567");
        private final String opsSecret = randomString(40, SECRET_CHARS);
        private final String oldOpsKey = "ASIA" + randomString(16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567");
        private final String oldOpsSecret = randomString(40, SECRET_CHARS);
        private final String oldOpsToken = "IQoJb3JpZ2luX2Vj" + randomString(200, SECRET_CHARS);
        private final List<String> codes = distinctCodes(4);
        private final String opsCode = codes.get(0);
        private final String wrongCode = codes.get(1);
        private final String devCode = codes.get(2);
        private final String failCode = codes.get(3);

        private Desktop desktop;
        private Screen screen;
        private Desktop.NotificationCapture notes;
        private StsStub stub;
        private Process agent;
        private Process second;
        private long launchedAt;
        private Path out;
        private Path err;
        private Path secondOut;
        private int retyped;

        Run(int attempt) throws IOException {
            this.attempt = attempt;
            this.dir = Path.of("target", "agent-desktop-it", "run-" + System.currentTimeMillis() + "-" + attempt)
                    .toAbsolutePath();
            this.home = dir.resolve("home");
            this.credentials = home.resolve(".aws/credentials");
            this.stateDir = home.resolve(".local/state/aws-mfa-agent");
            Files.createDirectories(dir);
        }

        // ---- start-up ----------------------------------------------------------------------------------

        void start() throws Exception {
            desktop = Desktop.start();
            screen = new Screen(desktop, dir);
            startDunst();
            notes = desktop.startNotificationCapture();
            desktop.startTray();
            stub = new StsStub();
            stub.addUser(devKey, devSecret, DEV_SERIAL);
            stub.addUser(opsKey, opsSecret, OPS_SERIAL);
            stub.acceptCodes(opsCode, devCode, failCode);
            writeHome(Instant.now().plus(OPS_LEFT).truncatedTo(ChronoUnit.SECONDS));
            launchAgent();
            // Any state will do: the ops prompt may already have turned the icon blue.
            Desktop.waitUntil(
                    Duration.ofSeconds(25),
                    () -> !agent.isAlive()
                            || Screen.iconBounds(screen.shot(), screen.panel()).isPresent(),
                    "the agent's icon in trayer's panel");
            if (!agent.isAlive()) {
                throw new AssertionError("the agent exited (" + agent.exitValue() + ") before its icon showed: "
                        + read(err).strip());
            }
            timing("icon visible " + (System.nanoTime() - launchedAt) / 1_000_000 + " ms after launch");
        }

        /** dunst in the bottom-right corner, away from the tray and its menu, with a fixed look for the README. */
        private void startDunst() throws IOException {
            Path rc = dir.resolve("dunstrc");
            Files.writeString(
                    rc,
                    String.join(
                            "\n",
                            "[global]",
                            "    origin = bottom-right",
                            "    offset = 12x12",
                            "    width = 340",
                            "    frame_width = 1",
                            "    frame_color = \"#5a5a5a\"",
                            "    separator_color = frame",
                            "    font = Sans 10",
                            "    padding = 10",
                            "    horizontal_padding = 12",
                            "    icon_position = off",
                            "    markup = full",
                            "    format = \"<b>%s</b>\\n%b\"",
                            "[urgency_low]",
                            "    background = \"#222222\"",
                            "    foreground = \"#eeeeee\"",
                            "[urgency_normal]",
                            "    background = \"#222222\"",
                            "    foreground = \"#eeeeee\"",
                            "[urgency_critical]",
                            "    background = \"#3a1014\"",
                            "    foreground = \"#ffffff\"",
                            "    frame_color = \"#d7263d\"",
                            ""));
            desktop.launchLogged("dunst", List.of("dunst", "-config", rc.toString()));
            desktop.awaitBusName("org.freedesktop.Notifications", "dunst");
        }

        /**
         * dev: the seed layout (mfa_serial under the source profile's own config section), never renewed.
         * ops: the standard layout with our per-profile lead, and a session in the file that ends soon.
         */
        private void writeHome(Instant opsExpiry) throws IOException {
            Files.createDirectories(home.resolve(".aws"));
            Files.writeString(
                    home.resolve(".aws/config"),
                    String.join(
                            "\n",
                            "[profile dev]",
                            "source_profile = dev-keys",
                            "region = us-east-1",
                            "",
                            "[dev-keys]",
                            "mfa_serial = " + DEV_SERIAL,
                            "",
                            "[profile ops]",
                            "source_profile = ops-keys",
                            "mfa_serial = " + OPS_SERIAL,
                            "region = eu-west-1",
                            "aws_mfa_agent_lead_minutes = 2",
                            ""));
            Files.writeString(
                    credentials,
                    String.join(
                            "\n",
                            "[dev-keys]",
                            "aws_access_key_id = " + devKey,
                            "aws_secret_access_key = " + devSecret,
                            "",
                            "[ops-keys]",
                            "aws_access_key_id = " + opsKey,
                            "aws_secret_access_key = " + opsSecret,
                            "",
                            "[ops]",
                            "aws_access_key_id = " + oldOpsKey,
                            "aws_secret_access_key = " + oldOpsSecret,
                            "aws_session_token = " + oldOpsToken,
                            "aws_session_expiration = " + opsExpiry,
                            ""));
            // The first-run "start at login?" question is answered already: no modal question on this desktop.
            Files.createDirectories(
                    stateDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Files.writeString(stateDir.resolve("autostart-offered"), "no\n");
        }

        /** The environment of a desktop session, and nothing of this JVM's (no AWS_*, XDG_* or Wayland leaking in). */
        private ProcessBuilder agentCommand(List<String> args) {
            List<String> argv = new ArrayList<>();
            argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            argv.addAll(LaunchCommand.DEFAULT_JVM_OPTIONS); // what start at login runs: -Xmx48m ... updates off
            argv.add("-jar");
            argv.add(JAR.toAbsolutePath().toString());
            argv.addAll(args);
            ProcessBuilder b = desktop.command(argv);
            Map<String, String> env = b.environment();
            env.clear();
            env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
            // A desktop session has a UTF-8 locale. Without one the Gtk menu shows "dev ? never renewed" (see report).
            env.put("LANG", "C.UTF-8");
            env.put("HOME", home.toString());
            env.putAll(desktop.env()); // DISPLAY, DBUS_SESSION_BUS_ADDRESS, NO_AT_BRIDGE=1, GDK_GL=disable
            if (!TRAY_TYPE.isEmpty()) {
                env.put("AWS_MFA_AGENT_TRAY_TYPE", TRAY_TYPE);
            }
            env.put("AWS_MFA_AGENT_LEAD_MINUTES", "2");
            env.put("AWS_ENDPOINT_URL_STS", stub.endpoint().toString());
            env.put("AWS_EC2_METADATA_DISABLED", "true");
            b.directory(home.toFile());
            b.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            return b;
        }

        private void launchAgent() throws IOException {
            out = dir.resolve("agent.out");
            err = dir.resolve("agent.err");
            ProcessBuilder b =
                    agentCommand(List.of()).redirectOutput(out.toFile()).redirectError(err.toFile());
            launchedAt = System.nanoTime();
            agent = desktop.launch(b);
        }

        // ---- the scenario ------------------------------------------------------------------------------

        void scenario() throws Exception {
            // 1. The scheduled path: ops ends in ~60 s with a 2-minute lead, so its prompt comes without any click.
            Duration left = SCHEDULED_PROMPT_WITHIN.minusNanos(System.nanoTime() - launchedAt);
            String opsPrompt;
            try {
                opsPrompt = desktop.waitForWindow(TITLE, left.isNegative() ? Duration.ZERO : left);
            } catch (AssertionError e) {
                throw new AssertionError(
                        "ops ends " + OPS_LEFT.toSeconds() + " s after start with a 2-minute lead, so its "
                                + "prompt is due at once, but none showed within " + SCHEDULED_PROMPT_WITHIN.toSeconds()
                                + " s of start, and nobody clicked anything. The agent's plans: " + planLines(),
                        e);
            }
            timing("scheduled prompt " + (System.nanoTime() - launchedAt) / 1_000_000 + " ms after launch");
            assertEquals(List.of(), stub.calls(), "nothing goes to STS before a code is typed");
            picture(
                    "icon-renewing.png",
                    awaitIcon(IconState.RENEWING, "the RENEWING icon while the ops prompt is open"),
                    trayArea());
            picture("prompt.png", awaitDrawn(opsPrompt), window(opsPrompt));
            awaitNotification(
                    n -> n.summary().startsWith("MFA session ends in")
                            && n.body().contains("ops"),
                    "the 'MFA session ends in …' notice for ops");

            typeCode(opsPrompt, opsCode);
            desktop.waitForNoWindow(TITLE, Duration.ofSeconds(10));
            IssuedCredentials opsIssued = awaitIssued("ops-user", 1).get(0);
            awaitFileHolds("ops", opsIssued);
            awaitNotification(n -> n.summary().equals("Renewed ops"), "the 'Renewed ops' notification");

            // 2. ops is fresh, dev was never renewed: amber.
            picture(
                    "icon-expiring.png",
                    awaitIcon(IconState.EXPIRING, "the EXPIRING icon (dev never renewed) after ops was renewed"),
                    trayArea());

            // 3. Click the icon, pick dev (the first row), a wrong code, then the right one.
            openMenuAndClickFirstRow(true);
            String devPrompt = desktop.waitForWindow(TITLE, Duration.ofSeconds(10));
            awaitDrawn(devPrompt);
            typeCode(devPrompt, wrongCode);
            BufferedImage wrong = awaitRedReason(devPrompt);
            assertEquals(
                    List.of(devPrompt), desktop.findWindows(TITLE), "the same prompt stays open after a wrong code");
            picture("prompt-wrong-code.png", wrong, window(devPrompt));
            assertTrue(credentialSection("dev").isEmpty(), "a wrong code must not write anything for dev");

            closeAllNotifications(); // so that the picture shows the one that matters
            typeCode(devPrompt, devCode);
            desktop.waitForNoWindow(TITLE, Duration.ofSeconds(10));
            IssuedCredentials devIssued = awaitIssued("dev-user", 1).get(0);
            awaitFileHolds("dev", devIssued);
            awaitNotification(
                    n -> n.appName().equals("aws-mfa-agent")
                            && n.summary().equals("Renewed dev")
                            && n.body().startsWith("Valid until "),
                    "the 'Renewed dev' notification");
            notificationPicture();
            assertEquals(
                    List.of(wrongCode, devCode),
                    codesSentFor(DEV_SERIAL, devKey),
                    "dev: exactly two GetSessionToken calls, the wrong code then the right one");
            assertEquals(List.of(opsCode), codesSentFor(OPS_SERIAL, opsKey), "ops: exactly one GetSessionToken call");

            // 4. Everything fresh: green.
            picture("icon-fresh.png", awaitIcon(IconState.FRESH, "the FRESH icon after both renewals"), trayArea());

            // 5. A renewal that fails (STS answers 503): red, a notice, and the file as it was.
            openMenuAndClickFirstRow(false);
            // dev's code was used moments ago: the next prompt for it waits for the next 30-second TOTP step (Renewer).
            String failPrompt = desktop.waitForWindow(TITLE, Duration.ofSeconds(45));
            awaitDrawn(failPrompt);
            stub.failNext(Fault.serviceUnavailable());
            typeCode(failPrompt, failCode);
            desktop.waitForNoWindow(TITLE, Duration.ofSeconds(10));
            picture("icon-problem.png", awaitIcon(IconState.PROBLEM, "the PROBLEM icon after STS failed"), trayArea());
            awaitNotification(
                    n -> n.summary().equals("Could not renew dev") && n.urgency() == 2,
                    "the critical 'Could not renew dev' notification");
            awaitFileHolds("dev", devIssued);
            assertEquals(
                    1,
                    stub.issued().stream()
                            .filter(c -> c.arn().endsWith("/dev-user"))
                            .count(),
                    "nothing issued for the failed renewal");

            // 6. One agent per user: a second start says so and exits 0.
            secondStart();

            // 7. SIGTERM: gone within 10 s, and so is the icon.
            long termAt = System.nanoTime();
            agent.destroy();
            boolean exited = agent.waitFor(QUIT_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
            long quitMs = (System.nanoTime() - termAt) / 1_000_000;
            assertTrue(exited, "the agent was still running " + QUIT_WITHIN.toSeconds() + " s after SIGTERM");
            timing("exit " + quitMs + " ms after SIGTERM, exit code " + agent.exitValue());
            assertTrue(Set.of(0, 143).contains(agent.exitValue()), "exit code after SIGTERM: " + agent.exitValue());
            Desktop.waitUntil(
                    Duration.ofSeconds(5),
                    () -> Screen.iconBounds(screen.shot(), Screen.TOP_RIGHT).isEmpty(),
                    "the icon to leave the panel after the agent exited");

            // 8. The files, the calls, and the secrets, now that everything is written and flushed.
            assertFileExactly(devIssued, opsIssued);
            List<String> sent = stub.calls("GetSessionToken").stream()
                    .map(c -> c.param("TokenCode"))
                    .toList();
            assertEquals(List.of(opsCode, wrongCode, devCode, failCode), sent, "every code went to STS exactly once");
            assertTrue(stub.calls().stream().allMatch(Call::signatureValid), "every request was signed correctly");
            assertEquals(
                    List.of("GetSessionToken"),
                    stub.calls().stream().map(Call::action).distinct().toList());
            assertNoSecrets();
            if (retyped > 0) {
                timing("codes retyped: " + retyped);
            }
        }

        /** The agent's "plan: [...]" log lines: a PROMPT step that is planned but never asked shows there. */
        private List<String> planLines() {
            return read(stateDir.resolve("agent.log"))
                    .lines()
                    .filter(l -> l.contains("plan: ") || l.contains("asking with"))
                    .toList();
        }

        // ---- tray and menu -----------------------------------------------------------------------------

        /** Waits until the panel shows this state's icon and no other's; returns that screenshot. */
        private BufferedImage awaitIcon(IconState state, String what) {
            BufferedImage[] img = new BufferedImage[1];
            Desktop.waitUntil(
                    Duration.ofSeconds(10),
                    () -> {
                        img[0] = screen.shot();
                        Map<IconState, Integer> px = Screen.iconPixels(img[0], screen.panel());
                        return px.get(state) >= Screen.MIN_ICON_PIXELS
                                && px.entrySet().stream().allMatch(e -> e.getKey() == state || e.getValue() == 0);
                    },
                    what);
            return img[0];
        }

        /** The tray panel (trayer's, holding just our icon), for the README's icon pictures. */
        private Rect trayArea() {
            return screen.panel();
        }

        /** Clicks the icon, waits for its menu, points at the first row, optionally pictures it, and clicks. */
        private void openMenuAndClickFirstRow(boolean picture) {
            Rect panel = screen.panel();
            Rect icon = Screen.iconBounds(screen.shot(), panel)
                    .orElseThrow(() -> new AssertionError("no icon in the panel " + panel));
            List<Rect> before = screen.viewableTopLevels();
            Optional<Rect> menu = Optional.empty();
            for (int click = 1; click <= 2 && menu.isEmpty(); click++) {
                desktop.xdotool("mousemove", str(icon.centerX()), str(icon.centerY()), "click", "1");
                long deadline = System.nanoTime() + Duration.ofSeconds(6).toNanos();
                while (menu.isEmpty() && System.nanoTime() < deadline) {
                    menu = screen.newMenu(before);
                }
            }
            Rect m = menu.orElseThrow(
                    () -> new AssertionError("no menu window after clicking the icon at " + icon + ", twice"));
            // The menu has 7 rows and 2 thin separators: a row is about an eighth of its height.
            int rowHeight = m.height() / 8;
            int rowY = m.y() + rowHeight / 2 + 2;
            desktop.xdotool("mousemove", str(m.x() + m.width() / 3), str(rowY));
            Desktop.pause(Duration.ofMillis(300)); // let the row highlight before the click (and the picture)
            if (picture) {
                BufferedImage img = screen.shot();
                Rect area = new Rect(m.x() - 8, 0, img.getWidth() - (m.x() - 8), m.y() + m.height() + 8).union(panel);
                picture("tray-menu.png", img, area);
            }
            desktop.xdotool("click", "1");
        }

        // ---- the prompt --------------------------------------------------------------------------------

        private Rect window(String id) {
            return Rect.of(desktop.geometry(id));
        }

        /** Waits until the window is painted (a mapped, unpainted window is one flat colour). */
        private BufferedImage awaitDrawn(String id) {
            BufferedImage[] img = new BufferedImage[1];
            Desktop.waitUntil(
                    Duration.ofSeconds(10),
                    () -> {
                        img[0] = screen.shot();
                        return Screen.colours(img[0], window(id)) >= 8;
                    },
                    "the prompt to be drawn");
            return img[0];
        }

        /**
         * Types a code and Enter, and waits until STS has it. The dialog takes the focus itself (into the code field);
         * {@code xdotool windowfocus} must not be used on it: that moves the X focus off AWT's focus proxy window and
         * every key is lost. Should the keys get lost anyway, a click on the dialog's empty margin activates it (the
         * field keeps the focus) and the code is typed once more over whatever arrived.
         */
        private void typeCode(String window, String code) {
            Desktop.pause(Duration.ofMillis(300)); // the design notes: give the field the focus first
            for (int attempt = 1; ; attempt++) {
                desktop.xdotool("type", "--delay", "40", code);
                desktop.xdotool("key", "Return");
                try {
                    Desktop.waitUntil(
                            Duration.ofSeconds(5),
                            () -> stub.calls("GetSessionToken").stream()
                                    .anyMatch(c -> code.equals(c.param("TokenCode"))),
                            "STS to receive the code typed");
                    return;
                } catch (AssertionError e) {
                    if (attempt == 2 || !desktop.findWindows(TITLE).contains(window)) {
                        throw e;
                    }
                    retyped++;
                    Rect w = window(window);
                    desktop.xdotool("mousemove", str(w.x() + 6), str(w.y() + 6), "click", "1");
                    Desktop.pause(Duration.ofMillis(300));
                    desktop.xdotool("key", "ctrl+a");
                }
            }
        }

        /** After a wrong code the prompt says why, in red, and stays open. */
        private BufferedImage awaitRedReason(String id) {
            BufferedImage[] img = new BufferedImage[1];
            Desktop.waitUntil(
                    Duration.ofSeconds(10),
                    () -> {
                        img[0] = screen.shot();
                        return Screen.redPixels(img[0], window(id)) > 30;
                    },
                    "the reason in red in the prompt after a wrong code");
            return img[0];
        }

        // ---- STS and the credentials file --------------------------------------------------------------

        private List<IssuedCredentials> awaitIssued(String user, int count) {
            Desktop.waitUntil(
                    Duration.ofSeconds(10),
                    () -> stub.issued().stream()
                                    .filter(c -> c.arn().endsWith("/" + user))
                                    .count()
                            >= count,
                    count + " credential(s) issued to " + user);
            return stub.issued().stream()
                    .filter(c -> c.arn().endsWith("/" + user))
                    .toList();
        }

        private List<String> codesSentFor(String serial, String accessKey) {
            return stub.calls("GetSessionToken").stream()
                    .filter(c -> serial.equals(c.param("SerialNumber")) && accessKey.equals(c.accessKeyId()))
                    .map(c -> c.param("TokenCode"))
                    .toList();
        }

        private Map<String, String> credentialSection(String profile) throws IOException {
            return IniOracles.sdk(credentials, profile).orElse(Map.of());
        }

        private static Map<String, String> expected(IssuedCredentials c) {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("aws_access_key_id", c.accessKeyId());
            m.put("aws_secret_access_key", c.secret());
            m.put("aws_session_token", c.token());
            m.put("aws_session_expiration", c.expiration().toString());
            return m;
        }

        private void awaitFileHolds(String profile, IssuedCredentials c) {
            Desktop.waitUntil(
                    Duration.ofSeconds(10),
                    () -> {
                        try {
                            return credentialSection(profile).equals(expected(c));
                        } catch (IOException e) {
                            return false;
                        }
                    },
                    "[" + profile + "] in the credentials file to hold exactly what STS issued");
        }

        /** As the AWS CLI reads it (Python's configparser), when python3 is here; else as the Java SDK does. */
        private void assertFileExactly(IssuedCredentials dev, IssuedCredentials ops) throws Exception {
            Map<String, Map<String, String>> sections = new LinkedHashMap<>();
            String reader;
            if (onPath("python3")) {
                sections.putAll(IniOracles.python(credentials));
                reader = "configparser";
            } else {
                for (String s : List.of("dev-keys", "ops-keys", "dev", "ops")) {
                    sections.put(s, credentialSection(s));
                }
                reader = "the Java SDK";
            }
            assertEquals(
                    Set.of("dev-keys", "ops-keys", "dev", "ops"), sections.keySet(), "sections, read by " + reader);
            sameWithoutShowing(
                    Map.of("aws_access_key_id", devKey, "aws_secret_access_key", devSecret),
                    sections.get("dev-keys"),
                    "[dev-keys] (long-term keys untouched), read by " + reader);
            sameWithoutShowing(
                    Map.of("aws_access_key_id", opsKey, "aws_secret_access_key", opsSecret),
                    sections.get("ops-keys"),
                    "[ops-keys] (long-term keys untouched), read by " + reader);
            sameWithoutShowing(expected(dev), sections.get("dev"), "[dev], read by " + reader);
            sameWithoutShowing(expected(ops), sections.get("ops"), "[ops], read by " + reader);
        }

        /** Compares two sections and names the keys that differ, never their values (they are secrets). */
        private static void sameWithoutShowing(Map<String, String> want, Map<String, String> got, String what) {
            Set<String> keys = new LinkedHashSet<>(want.keySet());
            keys.addAll(got.keySet());
            List<String> differ = keys.stream()
                    .filter(k -> !java.util.Objects.equals(want.get(k), got.get(k)))
                    .toList();
            assertTrue(differ.isEmpty(), what + ": keys missing, extra or with other values: " + differ);
        }

        // ---- notifications -----------------------------------------------------------------------------

        private void awaitNotification(Predicate<Notification> which, String what) {
            Desktop.waitUntil(
                    Duration.ofSeconds(10),
                    () -> notes.notifications().stream().anyMatch(which),
                    what + " (seen so far: " + summaries() + ")");
        }

        private List<String> summaries() {
            return notes.notifications().stream().map(Notification::summary).toList();
        }

        /** dunst's own D-Bus method; where it is missing the picture may show older notifications too. */
        private void closeAllNotifications() {
            desktop.run(
                    Duration.ofSeconds(3),
                    "gdbus",
                    "call",
                    "--session",
                    "--dest",
                    "org.freedesktop.Notifications",
                    "--object-path",
                    "/org/freedesktop/Notifications",
                    "--method",
                    "org.dunstproject.cmd0.NotificationCloseAll");
        }

        private void notificationPicture() {
            Rect[] area = new Rect[1];
            BufferedImage[] img = new BufferedImage[1];
            Desktop.waitUntil(
                    Duration.ofSeconds(5),
                    () -> {
                        area[0] = screen.notificationWindow().orElse(null);
                        if (area[0] == null) {
                            return false;
                        }
                        img[0] = screen.shot();
                        return Screen.colours(img[0], area[0]) >= 8;
                    },
                    "dunst to show the notification");
            picture("notification.png", img[0], area[0]);
        }

        // ---- a second start ----------------------------------------------------------------------------

        private void secondStart() throws Exception {
            secondOut = dir.resolve("second.out");
            ProcessBuilder b = agentCommand(List.of()).redirectErrorStream(true).redirectOutput(secondOut.toFile());
            second = b.start();
            assertTrue(second.waitFor(30, TimeUnit.SECONDS), "a second start did not exit within 30 s");
            String said = read(secondOut);
            assertEquals(0, second.exitValue(), "a second start exits 0; it said: " + said);
            assertTrue(said.contains("already running"), "a second start says one is running; it said: " + said);
            assertTrue(agent.isAlive(), "the first agent still runs");
        }

        // ---- secrets -----------------------------------------------------------------------------------

        private void assertNoSecrets() throws IOException {
            Map<String, String> secrets = new LinkedHashMap<>();
            secrets.put("dev's long-term secret", devSecret);
            secrets.put("ops's long-term secret", opsSecret);
            secrets.put("ops's old session secret", oldOpsSecret);
            secrets.put("ops's old session token", oldOpsToken);
            int i = 0;
            for (IssuedCredentials c : stub.issued()) {
                i++;
                secrets.put("issued secret #" + i, c.secret());
                secrets.put("issued session token #" + i, c.token());
            }
            Map<String, String> places = new LinkedHashMap<>();
            places.put("the agent's stdout", read(out));
            places.put("the agent's stderr", read(err));
            places.put("a second start's output", secondOut == null ? "" : read(secondOut));
            try (Stream<Path> logs = Files.list(stateDir)) {
                for (Path log : logs.filter(p -> p.getFileName().toString().startsWith("agent.log"))
                        .sorted()
                        .toList()) {
                    places.put("the log " + log.getFileName(), read(log));
                }
            }
            assertTrue(places.keySet().stream().anyMatch(k -> k.startsWith("the log ")), "no agent.log in " + stateDir);
            places.put(
                    "the notifications",
                    notes.notifications().stream()
                            .map(n -> n.appName() + "\n" + n.summary() + "\n" + n.body())
                            .collect(Collectors.joining("\n")));
            List<String> leaks = new ArrayList<>();
            for (Map.Entry<String, String> place : places.entrySet()) {
                secrets.forEach((what, secret) -> {
                    if (place.getValue().contains(secret)) {
                        leaks.add(what + " in " + place.getKey());
                    }
                });
                for (String code : codes) {
                    if (Pattern.compile("(?<!\\d)" + code + "(?!\\d)")
                            .matcher(place.getValue())
                            .find()) {
                        leaks.add("an MFA code typed in " + place.getKey());
                    }
                }
            }
            assertEquals(List.of(), leaks, "secrets or codes where they must never be");
        }

        // ---- diagnostics and cleanup -------------------------------------------------------------------

        /** A thread dump of the agent and a screenshot into target/screens/, named in the returned error. */
        AssertionError diagnose(String label, Throwable t) {
            StringBuilder b = new StringBuilder("attempt " + attempt + " failed: " + t.getMessage());
            String base = "AgentDesktopIT-" + attempt + "-" + label;
            try {
                Files.createDirectories(SCREENS);
                if (desktop != null) {
                    if (agent != null && agent.isAlive()) {
                        Path dump = SCREENS.resolve(base + ".jstack.txt");
                        Path jstack = Path.of(System.getProperty("java.home"), "bin", "jstack");
                        Desktop.Result r =
                                desktop.run(Duration.ofSeconds(15), jstack.toString(), String.valueOf(agent.pid()));
                        Files.writeString(dump, r.stdout() + r.stderr());
                        b.append("\nagent threads: ").append(dump.toAbsolutePath());
                    }
                    Path png = SCREENS.resolve(base + ".png");
                    try {
                        desktop.screenshot(png);
                        b.append("\nscreen: ").append(png.toAbsolutePath());
                    } catch (RuntimeException | AssertionError e) {
                        b.append("\nno screenshot: ").append(e.getMessage());
                    }
                    if (notes != null) {
                        b.append("\nnotifications: ").append(summaries());
                    }
                }
            } catch (IOException | RuntimeException e) {
                b.append("\n(diagnostics failed: ").append(e).append(')');
            }
            if (out != null) {
                b.append("\nagent stdout: ")
                        .append(out)
                        .append("\nagent stderr: ")
                        .append(err)
                        .append("\nagent log: ")
                        .append(stateDir.resolve("agent.log"));
            }
            return new AssertionError(b.toString(), t);
        }

        void timing(String line) throws IOException {
            String full = "AgentDesktopIT attempt " + attempt + ": " + line;
            System.out.println(full);
            Files.createDirectories(SCREENS);
            Files.writeString(
                    SCREENS.resolve("agent-desktop-it-timings.txt"),
                    Instant.now() + " " + full + "\n",
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }

        @Override
        public void close() {
            for (Process p : new Process[] {second, agent}) {
                if (p != null && p.isAlive()) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                }
            }
            if (desktop != null) {
                desktop.close();
            }
            if (stub != null) {
                stub.close();
            }
        }

        // ---- small things ------------------------------------------------------------------------------

        private static final String SECRET_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

        private String randomString(int length, String alphabet) {
            StringBuilder s = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            return s.toString();
        }

        private List<String> distinctCodes(int n) {
            Set<String> codes = new LinkedHashSet<>();
            while (codes.size() < n) {
                codes.add(String.format("%06d", 100_000 + random.nextInt(900_000)));
            }
            return List.copyOf(codes);
        }

        /** A README picture: part of a screenshot, under docs/screenshots/ (or -Daws-mfa-agent.screenshots.dir). */
        private static Path picture(String name, BufferedImage img, Rect area) {
            return Screen.crop(img, area, DOCS.resolve(name));
        }
    }

    static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    static boolean onPath(String tool) {
        return Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator))
                .filter(d -> !d.isEmpty())
                .anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
    }

    static String str(int i) {
        return String.valueOf(i);
    }
}
