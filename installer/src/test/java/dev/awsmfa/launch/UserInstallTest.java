package dev.awsmfa.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.awsmfa.platform.Os;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserInstallTest {

    @TempDir
    Path dir;

    Path home;
    Path jar;
    Map<String, String> env;
    UserInstall target;
    final Path java = Path.of("/usr/lib/jvm/java-17-openjdk-amd64/bin/java");

    @BeforeEach
    void setUp() throws IOException {
        home = Files.createDirectories(dir.resolve("home with space"));
        jar = Files.writeString(dir.resolve("Downloads-aws-mfa-agent.jar"), "PK not really a jar");
        env = Map.of(
                "XDG_DATA_HOME",
                dir.resolve("data").toString(),
                "XDG_CONFIG_HOME",
                dir.resolve("config").toString(),
                "PATH",
                "/usr/bin:/bin");
        // A stand-in for java -Xshare:dump (the real one runs in JarInstallIT): the archive names the class list.
        target = new UserInstall(
                home,
                env,
                Os.LINUX,
                (java, jar, list, archive) -> Files.writeString(
                        archive,
                        "archive of " + jar + " with "
                                + Files.readAllLines(list).size() + " classes"));
    }

    @Test
    @DisplayName("honours XDG_DATA_HOME, and puts the command in ~/.local/bin")
    void layout() {
        UserInstall.Layout l = target.layout();
        assertEquals(home.resolve(".local/bin/aws-mfa-agent"), l.launcher());
        assertEquals(dir.resolve("data/aws-mfa-agent/aws-mfa-agent.jar"), l.jar());
        assertEquals(dir.resolve("data/applications/aws-mfa-agent.desktop"), l.menuEntry());
        assertEquals(dir.resolve("data/icons/hicolor/256x256/apps/aws-mfa-agent.png"), l.icon());
        UserInstall.Layout defaults = UserInstall.Layout.of(home, Map.of("XDG_DATA_HOME", "relative/ignored"));
        assertEquals(home.resolve(".local/share/applications/aws-mfa-agent.desktop"), defaults.menuEntry());
    }

    @Test
    @DisplayName(
            "install: the jar copied, a launcher on the tuned JVM, a menu entry and start at login on the launcher")
    void install() throws Exception {
        List<String> done = target.install(jar, java);

        UserInstall.Layout l = target.layout();
        assertEquals("PK not really a jar", Files.readString(l.jar()));
        assertTrue(Files.isExecutable(l.launcher()));
        String script = Files.readString(l.launcher());
        assertTrue(script.startsWith("#!/bin/sh\n" + UserInstall.LAUNCHER_MARK), script);
        assertTrue(
                script.contains("exec \"$java\" \"$cds\" " + String.join(" ", JvmOptions.forAnyJava(Os.LINUX)) + " -cp "
                        + UserInstall.shellQuote(l.jar().toString()) + " dev.awsmfa.cli.Main \"$@\"\n"),
                script);
        assertTrue(Files.readString(l.appDir().resolve("cli.jsa")).startsWith("archive of " + l.jar() + " with "));
        assertTrue(Files.exists(l.appDir().resolve("run.jsa")));
        assertTrue(Files.exists(l.appDir().resolve("status.jsa")));
        assertTrue(Files.size(l.icon()) > 1000);
        String menu = Files.readString(l.menuEntry());
        assertTrue(menu.contains("Exec=\"" + l.launcher() + "\"\n"), menu); // quoted: the home has a space
        String autostart = Files.readString(dir.resolve("config/autostart/aws-mfa-agent.desktop"));
        assertTrue(autostart.contains("Exec=\"" + l.launcher() + "\"\n"), autostart);
        assertTrue(done.get(1).contains("not on your PATH"), done.toString());
    }

    @Test
    @DisplayName("the menu entry passes desktop-file-validate")
    void menuEntryValid() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/desktop-file-validate")), "desktop-file-utils not installed");
        target.install(jar, java);
        Process p = new ProcessBuilder(
                        "/usr/bin/desktop-file-validate",
                        target.layout().menuEntry().toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertEquals("", out.strip());
    }

    @Test
    @DisplayName("the launcher runs: sh passes its arguments to java (a stand-in java that prints its argv)")
    void launcherRuns() throws Exception {
        Path fakeJava = Files.writeString(dir.resolve("java"), "#!/bin/sh\nprintf '%s\\n' \"$@\"\n");
        fakeJava.toFile().setExecutable(true);
        target.install(jar, fakeJava);
        Process p = new ProcessBuilder(target.layout().launcher().toString(), "renew", "-p", "it's dev").start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        List<String> expected = new java.util.ArrayList<>();
        expected.add("-XX:SharedArchiveFile=" + target.layout().appDir().resolve("cli.jsa"));
        expected.addAll(JvmOptions.forAnyJava(Os.LINUX));
        expected.addAll(
                List.of("-cp", target.layout().jar().toString(), "dev.awsmfa.cli.Main", "renew", "-p", "it's dev"));
        assertEquals(expected, List.of(out.split("\n")));
        Process status = new ProcessBuilder(target.layout().launcher().toString(), "status").start();
        String statusOut = new String(status.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(status.waitFor(60, TimeUnit.SECONDS));
        assertEquals(
                "-XX:SharedArchiveFile=" + target.layout().appDir().resolve("status.jsa"),
                statusOut.split("\n")[0],
                "status maps its own, smaller archive");
        Files.delete(target.layout().appDir().resolve("run.jsa")); // missing: the JVM's default, no archive
        Process run = new ProcessBuilder(target.layout().launcher().toString()).start();
        String runOut = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(run.waitFor(60, TimeUnit.SECONDS));
        assertEquals("-Xshare:auto", runOut.split("\n")[0]);
    }

    @Test
    @DisplayName("a command of the same name that is not ours is left alone")
    void foreignLauncher() throws Exception {
        Files.createDirectories(target.layout().launcher().getParent());
        Files.writeString(target.layout().launcher(), "#!/bin/sh\necho mine\n");
        assertThrows(IOException.class, () -> target.install(jar, java));
        assertEquals("#!/bin/sh\necho mine\n", Files.readString(target.layout().launcher()));
        target.uninstall();
        assertEquals("#!/bin/sh\necho mine\n", Files.readString(target.layout().launcher()));
    }

    @Test
    @DisplayName("start at login the user switched off stays off; the rest is installed")
    void switchedOff() throws Exception {
        Path entry = Files.createDirectories(dir.resolve("config/autostart")).resolve("aws-mfa-agent.desktop");
        Files.writeString(entry, "[Desktop Entry]\nExec=x\nHidden=true\n");
        List<String> done = target.install(jar, java);
        assertTrue(done.get(3).startsWith("start at login: left off"), done.toString());
        assertEquals("[Desktop Entry]\nExec=x\nHidden=true\n", Files.readString(entry));
        assertTrue(Files.exists(target.layout().menuEntry()));
    }

    @Test
    @DisplayName("uninstall removes everything install made, and a start-at-login entry of another install stays")
    void uninstall() throws Exception {
        target.install(jar, java);
        target.uninstall();
        UserInstall.Layout l = target.layout();
        for (Path p : List.of(
                l.launcher(),
                l.jar(),
                l.appDir(),
                l.menuEntry(),
                l.icon(),
                l.appDir().resolve("cli.jsa"),
                l.appDir().resolve("status.jsa"),
                dir.resolve("config/autostart/aws-mfa-agent.desktop"))) {
            assertFalse(Files.exists(p), p.toString());
        }
        Path entry = dir.resolve("config/autostart/aws-mfa-agent.desktop");
        Files.writeString(entry, "[Desktop Entry]\nExec=/opt/aws-mfa-agent/bin/aws-mfa-agent\n");
        target.uninstall();
        assertTrue(Files.exists(entry));
    }

    @Test
    @DisplayName("installing again (an update) replaces our files")
    void reinstall() throws Exception {
        target.install(jar, java);
        Files.writeString(jar, "PK newer");
        target.install(jar, java);
        assertEquals("PK newer", Files.readString(target.layout().jar()));
    }

    @Test
    @DisplayName("sh quoting: single quotes, a single quote inside closed and escaped")
    void quoting() {
        assertEquals("/usr/bin/java", UserInstall.shellQuote("/usr/bin/java"));
        assertEquals("'/home/a b/x'", UserInstall.shellQuote("/home/a b/x"));
        assertEquals("'it'\\''s $HOME `x`'", UserInstall.shellQuote("it's $HOME `x`"));
    }
}
