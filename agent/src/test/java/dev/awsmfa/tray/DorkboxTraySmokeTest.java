package dev.awsmfa.tray;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.awsmfa.testing.Desktop;
import dev.awsmfa.testing.Desktop.Geometry;
import dev.awsmfa.testing.Desktop.TrayPanel;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real thing: dorkbox in a child JVM (AWT reads DISPLAY once per JVM) on a private Xvfb with trayer as the
 * tray host. Finds the icon in trayer's panel, checks its colour, clicks it, clicks the first row of the menu,
 * and expects the child to print "renew dev" and the icon to turn to RENEWING; then closes the tray and
 * expects the icon gone. Screenshots go to target/screens/.
 *
 * <p>Skipped without Xvfb/trayer/xdotool/ImageMagick unless AWS_MFA_AGENT_REQUIRE_DESKTOP=1.
 * {@code -Dtray.smoke.types=Gtk,Swing} picks the tray types (default: the recommended one);
 * {@code -Dtray.smoke.repeat=N} repeats each on a fresh display, for measuring flakiness.
 */
class DorkboxTraySmokeTest {

    static final Path SCREENS = Path.of("target", "screens");
    static final int MIN_ICON_PIXELS = 40; // a 24 px icon has 144..198 pixels of its signature colour

    static Stream<String> types() {
        return Arrays.stream(System.getProperty("tray.smoke.types", DorkboxTray.RECOMMENDED_LINUX_TYPE)
                        .split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void aRealTrayShowsTheIconAndItsMenuRenewsAProfileAndCloses(String type) throws Exception {
        Desktop.require("timeout", "Xvfb", "xdpyinfo", "xdotool", "xwininfo", "import", "dbus-daemon", "trayer");
        Files.createDirectories(SCREENS);
        int repeat = Integer.getInteger("tray.smoke.repeat", 1);
        List<String> failed = new ArrayList<>();
        AssertionError first = null;
        for (int run = 1; run <= repeat; run++) {
            try {
                runOnce(type, run, repeat > 1 ? "-" + run : "");
            } catch (AssertionError e) {
                failed.add(run + ": " + e.getMessage().lines().findFirst().orElse(""));
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            String summary =
                    type + ": " + failed.size() + " of " + repeat + " runs failed:\n" + String.join("\n", failed);
            Files.writeString(
                    SCREENS.resolve("timings.txt"),
                    summary + "\n",
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            throw new AssertionError(summary, first);
        }
    }

    /** Xvfb, a bus and trayer; once more from scratch when trayer does not come up (shared machines). */
    private static Desktop desktopWithTray(TrayPanel[] panel) throws IOException {
        for (int attempt = 1; ; attempt++) {
            Desktop desktop = Desktop.start();
            try {
                panel[0] = desktop.startTray();
                return desktop;
            } catch (IOException | RuntimeException | AssertionError e) {
                desktop.close();
                if (attempt == 2) {
                    throw e;
                }
            }
        }
    }

    private void runOnce(String type, int run, String suffix) throws Exception {
        String name = type.toLowerCase() + suffix;
        TrayPanel[] panels = new TrayPanel[1];
        try (Desktop desktop = desktopWithTray(panels)) {
            TrayPanel panel = panels[0];
            Child child = Child.start(desktop, type, SCREENS.resolve(name + "-child.log"));
            try {
                String opened = child.await("OPENED", Duration.ofSeconds(30));
                assertTrue(opened.contains(" type=" + type + " "), opened);
                assertTrue(opened.endsWith("updates=false"), "dorkbox's update check still on: " + opened);
                child.await("READY", Duration.ofSeconds(10));

                // 1. the icon appears in the panel, in the EXPIRING colour (dev expires in 8 m)
                Region tray = new Region(1280 - 420, 0, 420, 40);
                Desktop.waitUntil(
                        Duration.ofSeconds(15),
                        () -> count(shot(desktop), tray, IconState.EXPIRING) >= MIN_ICON_PIXELS,
                        "the EXPIRING icon in the tray panel");
                long visibleAt = System.currentTimeMillis();
                timing(type, run, child, opened, visibleAt);
                crop(desktop, SCREENS.resolve(name + "-1-tray.png"));

                // 2. click it: a menu window appears
                Geometry icon = iconIn(desktop, panel);
                List<Geometry> before = desktop.viewableTopLevels();
                desktop.xdotool("mousemove", str(icon.centerX()), str(icon.centerY()), "click", "1");
                Geometry menu = awaitNewWindow(desktop, before, Duration.ofSeconds(5));

                // 3. the first row: move in at once (a pointer resting on the Swing icon raises an AWT tooltip
                //    over the menu), let it highlight, picture it, click
                int rowHeight = menu.height() / 8; // 7 rows and 2 thin separators
                int rowY = menu.y() + rowHeight / 2 + 2;
                desktop.xdotool("mousemove", str(menu.x() + menu.width() / 3), str(rowY));
                Desktop.pause(Duration.ofMillis(300));
                crop(desktop, SCREENS.resolve(name + "-2-menu.png"));
                desktop.xdotool("click", "1");
                child.await("renew dev", Duration.ofSeconds(5));

                // 4. the renewal shows: the icon turns blue
                Desktop.waitUntil(
                        Duration.ofSeconds(5),
                        () -> count(shot(desktop), tray, IconState.RENEWING) >= MIN_ICON_PIXELS,
                        "the RENEWING icon after the click");
                crop(desktop, SCREENS.resolve(name + "-3-renewing.png"));

                // 5. close: the icon goes away
                child.send("close");
                child.await("CLOSED", Duration.ofSeconds(10));
                Desktop.waitUntil(
                        Duration.ofSeconds(5),
                        () -> {
                            BufferedImage img = shot(desktop);
                            return count(img, tray, IconState.RENEWING) == 0
                                    && count(img, tray, IconState.EXPIRING) == 0;
                        },
                        "the icon to disappear after close()");
                child.send("exit");
                if (!child.process.waitFor(15, TimeUnit.SECONDS)) {
                    fail("the child JVM did not exit within 15 s of System.exit");
                }
            } catch (Throwable t) {
                String dump = desktop.dumpThreads(child.process.pid(), name)
                        .toAbsolutePath()
                        .toString();
                String screen = desktop.screenshotQuietly(name + "-failure");
                AssertionError e = new AssertionError(
                        type + " run " + run + " failed: " + t.getMessage()
                                + "\nchild said: " + child.lines() + "\nchild log: " + child.log.toAbsolutePath()
                                + "\nthreads: " + dump + "\nscreen: " + screen,
                        t);
                throw e;
            } finally {
                child.process.destroyForcibly();
            }
        }
    }

    // ---- the child JVM -------------------------------------------------------------------------------

    /** TraySmokeMain in its own JVM: stdout lines collected, stdin for commands, stderr to a log file. */
    static final class Child {
        final Process process;
        final Path log;
        private final List<String> lines = new ArrayList<>();
        private final Writer in;

        private Child(Process process, Path log) {
            this.process = process;
            this.log = log;
            this.in = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            Thread reader = new Thread(
                    () -> {
                        try (BufferedReader r = new BufferedReader(
                                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                            for (String line; (line = r.readLine()) != null; ) {
                                synchronized (lines) {
                                    lines.add(line);
                                }
                            }
                        } catch (IOException e) {
                            // the child is gone
                        }
                    },
                    "smoke-child-stdout");
            reader.setDaemon(true);
            reader.start();
        }

        static Child start(Desktop desktop, String type, Path log) throws IOException {
            String java =
                    Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder b =
                    desktop.command(List.of(java, "-Xmx128m", "-cp", testClassPath(), TraySmokeMain.class.getName()));
            b.environment().put(DorkboxTray.TRAY_TYPE_ENV, type);
            b.environment().remove("XDG_CURRENT_DESKTOP");
            b.redirectError(log.toFile());
            return new Child(desktop.launch(b), log);
        }

        List<String> lines() {
            synchronized (lines) {
                return List.copyOf(lines);
            }
        }

        String await(String prefix, Duration within) {
            String[] found = new String[1];
            Desktop.waitUntil(
                    within,
                    () -> {
                        found[0] = lines().stream()
                                .filter(l -> l.startsWith(prefix))
                                .findFirst()
                                .orElse(null);
                        return found[0] != null || !process.isAlive();
                    },
                    "the child to print '" + prefix + "'");
            if (found[0] == null) {
                throw new AssertionError(
                        "the child exited (" + process.exitValue() + ") before printing '" + prefix + "'");
            }
            return found[0];
        }

        void send(String command) throws IOException {
            in.write(command + "\n");
            in.flush();
        }
    }

    static String testClassPath() {
        String cp = System.getProperty("java.class.path");
        if (!cp.contains("test-classes")) {
            cp = System.getProperty("surefire.test.class.path", cp);
        }
        return cp;
    }

    // ---- the screen ----------------------------------------------------------------------------------

    record Region(int x, int y, int width, int height) {}

    private static BufferedImage shot(Desktop desktop) {
        try {
            Path png = desktop.screenshot(
                    SCREENS.resolve("tmp-" + ProcessHandle.current().pid() + ".png"));
            BufferedImage img = ImageIO.read(png.toFile());
            Files.deleteIfExists(png);
            return img;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Pixels of exactly the state's signature colour in the region. */
    static int count(BufferedImage img, Region r, IconState state) {
        int rgb = TrayIcons.signatureRgb(state);
        int n = 0;
        for (int y = Math.max(0, r.y()); y < Math.min(img.getHeight(), r.y() + r.height()); y++) {
            for (int x = Math.max(0, r.x()); x < Math.min(img.getWidth(), r.x() + r.width()); x++) {
                if ((img.getRGB(x, y) & 0xFFFFFF) == rgb) {
                    n++;
                }
            }
        }
        return n;
    }

    /** The top-right corner, where the panel and the menu are. */
    private static void crop(Desktop desktop, Path png) throws IOException {
        BufferedImage img = shot(desktop);
        int w = 440;
        int h = 260;
        ImageIO.write(img.getSubimage(img.getWidth() - w, 0, w, h), "png", png.toFile());
    }

    private static final Pattern TREE_LINE = Pattern.compile(
            "^\\s+(0x[0-9a-f]+) .*?\\s(\\d+)x(\\d+)[+-]-?\\d+[+-]-?\\d+\\s+([+-]-?\\d+)([+-]-?\\d+)\\s*$");

    /** The icon's window: the first window of at least 16 x 16 inside the panel (xwininfo -tree -id PANEL). */
    static Geometry iconIn(Desktop desktop, TrayPanel panel) {
        String tree = desktop.run(Duration.ofSeconds(5), "xwininfo", "-tree", "-id", panel.window())
                .stdout();
        for (String line : tree.split("\n")) {
            Matcher m = TREE_LINE.matcher(line);
            if (m.matches()) {
                int w = Integer.parseInt(m.group(2));
                int h = Integer.parseInt(m.group(3));
                if (w >= 16 && h >= 16) {
                    return new Geometry(signed(m.group(4)), signed(m.group(5)), w, h);
                }
            }
        }
        throw new AssertionError("no icon window inside the tray panel:\n" + tree);
    }

    private static int signed(String s) {
        return Integer.parseInt(s.startsWith("+") ? s.substring(1) : s);
    }

    /** A viewable top-level window taller than 40 px that was not there before: the menu. */
    static Geometry awaitNewWindow(Desktop desktop, List<Geometry> before, Duration within) {
        Geometry[] found = new Geometry[1];
        Desktop.waitUntil(
                within,
                () -> {
                    Optional<Geometry> menu = desktop.viewableTopLevels().stream()
                            .filter(g -> g.height() > 40 && g.width() < 1000 && !before.contains(g))
                            .findFirst();
                    found[0] = menu.orElse(null);
                    return found[0] != null;
                },
                "a menu window after clicking the icon");
        return found[0];
    }

    private static void timing(String type, int run, Child child, String opened, long visibleAt) throws IOException {
        long start = Long.parseLong(child.await("START", Duration.ZERO).split(" ")[1]);
        long ready = Long.parseLong(child.await("READY", Duration.ZERO).split(" ")[1]);
        String openMs = opened.split(" ")[1];
        String line = String.format(
                "%s run %d: open() %s ms, READY +%d ms, icon visible +%d ms after main()%n",
                type, run, openMs, ready - start, visibleAt - start);
        System.out.print(line);
        Files.writeString(SCREENS.resolve("timings.txt"), line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static String str(int i) {
        return String.valueOf(i);
    }
}
