package dev.awsmfa.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.awsmfa.autostart.LaunchCommand;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Linux package as a user gets it: builds the .deb from the shaded jar with the same jpackage argument
 * files as {@code mvn -Pdist package} (installer/src/package/*.args), installs it with {@code dpkg -i}, runs
 * the installed launcher, validates the menu entry, removes it with {@code dpkg -r} and checks that nothing is
 * left. Runs in failsafe's integration-test phase of {@code mvn verify}.
 *
 * <p>Needs Linux, root, dpkg, dpkg-deb, fakeroot, jpackage, desktop-file-validate and xdg-utils (the .deb
 * depends on it). Without them it is skipped with the reason, unless {@code AWS_MFA_AGENT_REQUIRE_TOOLS=1}
 * (CI), which makes that a failure. It never touches an aws-mfa-agent package that was installed before it
 * ran, and never leaves its own installed.
 */
class DebPackageIT {

    private static final String PACKAGE = "aws-mfa-agent";
    private static final Path INSTALL_DIR = Path.of("/opt/aws-mfa-agent");
    private static final Path LAUNCHER = INSTALL_DIR.resolve("bin/aws-mfa-agent");
    private static final Path ON_PATH = Path.of("/usr/bin/aws-mfa-agent");
    private static final Path MENU_ENTRY = Path.of("/usr/share/applications/aws-mfa-agent.desktop");
    private static final Path THEME_ICON = Path.of("/usr/share/icons/hicolor/256x256/apps/aws-mfa-agent.png");
    /** Two builds on one machine (two checkouts) must not install and remove the package under each other. */
    private static final Path MACHINE_LOCK = Path.of(System.getProperty("java.io.tmpdir"), "aws-mfa-agent-deb-it.lock");

    private final Path jar = Path.of(property("aws-mfa-agent.jar"));
    private final String version = property("aws-mfa-agent.version");
    private final Path packageResources = Path.of(property("aws-mfa-agent.package-resources"));
    private final Path jpackage = Path.of(property("aws-mfa-agent.jpackage"));
    private final Path work = Path.of(property("aws-mfa-agent.it-dir"));
    private final Map<String, Long> timings = new LinkedHashMap<>();

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES) // a guard against a hung tool; the run takes about a minute
    void debBuildsInstallsRunsAndRemovesCleanly() throws Exception {
        requireTools();
        long start = System.nanoTime();

        Path deb = buildDeb();
        List<String> depends = Arrays.stream(run(List.of("dpkg-deb", "--field", deb.toString(), "Depends"))
                        .expectSuccess("read the .deb's Depends")
                        .output()
                        .split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
        assertTrue(depends.contains("xdg-utils"), "jpackage's menu entry adds xdg-utils to Depends: " + depends);
        List<String> missing = new ArrayList<>();
        for (String dependency : depends) {
            if (!installed(dependency.split("[ (]")[0])) {
                missing.add(dependency);
            }
        }
        require(missing.isEmpty(), "the .deb depends on packages that are not installed here: " + missing);

        try (FileChannel channel = FileChannel.open(MACHINE_LOCK, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.lock()) {
            require(notInstalled(), alreadyInstalled());
            try {
                installRunAndRemove(deb);
            } finally {
                purgeIfPresent();
            }
        }

        timings.put("total", System.nanoTime() - start);
        System.out.println("DebPackageIT timings: " + describe(timings));
    }

    private Path buildDeb() throws IOException, InterruptedException {
        deleteTree(work);
        Path input = Files.createDirectories(work.resolve("input"));
        Path dest = Files.createDirectories(work.resolve("dist"));
        Files.copy(jar, input.resolve("aws-mfa-agent.jar"), StandardCopyOption.REPLACE_EXISTING);

        // Exactly the steps of the dist profile in agent/pom.xml, in the same working directory.
        timed(
                "app image",
                () -> jpackage(
                        Map.of(),
                        "@identity.args",
                        "@app.args",
                        "@linux/app-image.args",
                        "--app-version",
                        version,
                        "--input",
                        input.toString(),
                        "--dest",
                        dest.toString()));
        Path image = dest.resolve("aws-mfa-agent");
        assertTrue(Files.isExecutable(image.resolve("bin/aws-mfa-agent")), "app image launcher in " + image);
        timed(
                "finish image",
                () -> run(
                                List.of("sh", "linux/finish-image.sh", image.toString()),
                                Map.of(
                                        "JAVA_HOME",
                                        jpackage.getParent().getParent().toString()),
                                packageResources,
                                300)
                        .expectSuccess("finish-image.sh " + image));

        // gzip instead of the profile's xz: the same package, built in seconds instead of minutes.
        timed(
                "deb",
                () -> jpackage(
                        Map.of("DPKG_DEB_COMPRESSOR_TYPE", "gzip", "DPKG_DEB_COMPRESSOR_LEVEL", "1"),
                        "@identity.args",
                        "@linux/deb.args",
                        "--app-image",
                        image.toString(),
                        "--app-version",
                        version,
                        "--dest",
                        dest.toString()));
        try (Stream<Path> files = Files.list(dest)) {
            List<Path> debs = files.filter(p -> p.getFileName().toString().endsWith(".deb"))
                    .toList();
            assertEquals(1, debs.size(), "one .deb in " + dest + ": " + debs);
            return debs.get(0);
        }
    }

    private void installRunAndRemove(Path deb) throws IOException, InterruptedException {
        timed("dpkg -i", () -> run(List.of("dpkg", "-i", deb.toString())).expectSuccess("dpkg -i " + deb));
        assertEquals(
                version + "-1",
                run(List.of("dpkg-query", "-W", "-f=${Version}", PACKAGE))
                        .expectSuccess("installed version")
                        .output()
                        .strip());

        // The licence text, where jpackage puts it for a package installed under /opt.
        Path copyright = INSTALL_DIR.resolve("share/doc/copyright");
        assertTrue(Files.readString(copyright).contains("Apache License"), copyright + " holds the Apache-2.0 text");

        // The launcher and the JVM options it passes (they must include the start-at-login `java` options).
        assertTrue(Files.isExecutable(LAUNCHER), LAUNCHER + " is executable");
        String cfg = Files.readString(INSTALL_DIR.resolve("lib/app/aws-mfa-agent.cfg"));
        for (String option : LaunchCommand.DEFAULT_JVM_OPTIONS) {
            assertTrue(
                    cfg.contains("java-options=" + option + "\n"),
                    "installed launcher passes " + option + " like LaunchCommand.DEFAULT_JVM_OPTIONS:\n" + cfg);
        }

        // The jlink'd runtime has the modules jdeps cannot see: without jdk.crypto.ec, TLS to STS fails.
        String release = Files.readString(INSTALL_DIR.resolve("lib/runtime/release"));
        assertTrue(
                release.matches("(?s).*MODULES=\"[^\"]*\\bjdk\\.crypto\\.ec\\b.*"),
                "runtime has jdk.crypto.ec:\n" + release);

        // postinst made the class data sharing archives for this place; -Xshare:on fails unless the JVM maps them.
        assertTrue(Files.readString(LAUNCHER).startsWith("#!/bin/sh\n"), "bin/aws-mfa-agent is launcher.sh");
        for (String archive : List.of("run.jsa", "cli.jsa", "status.jsa")) {
            assertTrue(Files.isRegularFile(INSTALL_DIR.resolve("lib/app/" + archive)), archive + " made by postinst");
        }
        Path home = Files.createDirectories(work.resolve("home"));
        timed("archives in use", () -> {
            Map<String, String> shareOn = Map.of("JAVA_TOOL_OPTIONS", "-Xshare:on -Xlog:cds=error");
            assertTrue(
                    runInstalled(LAUNCHER, home, shareOn, "--version").endsWith("aws-mfa-agent " + version),
                    "--version with run.jsa mapped");
            assertTrue(
                    runInstalled(LAUNCHER, home, shareOn, "status", "--wide").contains("mfa/jane"),
                    "status with status.jsa mapped");
            assertTrue(
                    runInstalled(LAUNCHER, home, shareOn, "renew", "--help").contains("renew"),
                    "renew --help with cli.jsa mapped");
        });
        timed("--version", () -> {
            assertEquals("aws-mfa-agent " + version, runInstalled(LAUNCHER, home, "--version"));
            assertEquals("aws-mfa-agent " + version, runInstalled(ON_PATH, home, "--version"), "the launcher on PATH");
        });
        timed("status", () -> {
            String out = runInstalled(LAUNCHER, home, "status", "--wide");
            assertTrue(out.contains(home.resolve(".aws/config").toString()), "status reads the temp config:\n" + out);
            assertTrue(out.contains("arn:aws:iam::123456789012:mfa/jane"), "status lists profile dev:\n" + out);
        });

        // Start at login enabled through the command on PATH (a symlink) points at the launcher itself: the launcher
        // resolves $0 for -Djpackage.app-path, which the agent writes into the entry.
        runInstalled(ON_PATH, home, "autostart", "enable");
        String login = Files.readString(home.resolve(".config/autostart/aws-mfa-agent.desktop"));
        assertTrue(login.contains("\nExec=" + LAUNCHER + "\n"), "start at login starts the launcher:\n" + login);

        // The menu entry, as the desktop reads it.
        assertTrue(Files.isRegularFile(MENU_ENTRY), "menu entry " + MENU_ENTRY);
        run(List.of("desktop-file-validate", MENU_ENTRY.toString()))
                .expectSuccess("desktop-file-validate " + MENU_ENTRY);
        String entry = Files.readString(MENU_ENTRY);
        assertTrue(entry.contains("\nExec=" + LAUNCHER + "\n"), "menu entry starts the launcher:\n" + entry);
        String icon = entry.lines()
                .filter(l -> l.startsWith("Icon="))
                .findFirst()
                .orElse("Icon=")
                .substring(5);
        assertTrue(Files.isRegularFile(Path.of(icon)), "menu icon " + icon + " exists");
        assertTrue(Files.isRegularFile(THEME_ICON), "theme icon " + THEME_ICON + " (Icon=aws-mfa-agent) exists");

        timed("dpkg -r", () -> run(List.of("dpkg", "-r", PACKAGE)).expectSuccess("dpkg -r " + PACKAGE));
        for (Path gone :
                List.of(INSTALL_DIR, ON_PATH, Path.of("/etc/alternatives/aws-mfa-agent"), MENU_ENTRY, THEME_ICON)) {
            assertTrue(!Files.exists(gone, LinkOption.NOFOLLOW_LINKS), gone + " is gone after dpkg -r");
        }
    }

    /** Runs an installed launcher with a throw-away HOME and AWS files; returns stdout+stderr, stripped. */
    private String runInstalled(Path launcher, Path home, String... args) throws IOException, InterruptedException {
        return runInstalled(launcher, home, Map.of(), args);
    }

    private String runInstalled(Path launcher, Path home, Map<String, String> extraEnv, String... args)
            throws IOException, InterruptedException {
        Path aws = Files.createDirectories(home.resolve(".aws"));
        Files.writeString(aws.resolve("config"), """
                [profile my-mfa-profile]
                region = eu-west-1

                [profile dev]
                source_profile = my-mfa-profile
                mfa_serial = arn:aws:iam::123456789012:mfa/jane
                """);
        Files.writeString(aws.resolve("credentials"), """
                [my-mfa-profile]
                aws_access_key_id = AKIAIOSFODNN7EXAMPLE
                aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
                """);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        env.put("XDG_STATE_HOME", home.resolve(".local/state").toString());
        env.put("XDG_DATA_HOME", home.resolve(".local/share").toString());
        env.put("AWS_CONFIG_FILE", aws.resolve("config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", aws.resolve("credentials").toString());
        env.putAll(extraEnv);
        List<String> cmd = new ArrayList<>(List.of(launcher.toString()));
        cmd.addAll(List.of(args));
        Result r = run(cmd, env, home, 120);
        r.expectSuccess(String.join(" ", cmd));
        return r.output().strip();
    }

    private void jpackage(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(jpackage.toString()));
        cmd.addAll(List.of(args));
        run(cmd, env, packageResources, 600).expectSuccess("jpackage (in " + packageResources + ")");
    }

    private void requireTools() throws IOException, InterruptedException {
        require(System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux"), "not Linux");
        require(Files.isRegularFile(jar), "no shaded jar at " + jar + " (run in the integration-test phase)");
        require(Files.isExecutable(jpackage), "no jpackage at " + jpackage + " (the .deb needs a JDK 17+ with it)");
        for (String tool :
                List.of("dpkg", "dpkg-deb", "dpkg-query", "fakeroot", "update-alternatives", "desktop-file-validate")) {
            require(onPath(tool), tool + " is not installed (Debian packages: dpkg, fakeroot, desktop-file-utils)");
        }
        require(installed("xdg-utils"), "xdg-utils is not installed (the .deb depends on it)");
        require("0".equals(run(List.of("id", "-u")).output().strip()), "not root: dpkg -i needs root");
        require(notInstalled(), alreadyInstalled());
    }

    private boolean notInstalled() throws IOException, InterruptedException {
        return !installed(PACKAGE) && !Files.exists(INSTALL_DIR, LinkOption.NOFOLLOW_LINKS);
    }

    private static String alreadyInstalled() {
        return PACKAGE + " is already installed on this machine (or " + INSTALL_DIR + " exists); this test installs "
                + "and removes the package, so it leaves yours alone";
    }

    /** Skips the test with the reason; fails it instead when CI says the tools must be there. */
    private static void require(boolean condition, String reason) {
        if (condition) {
            return;
        }
        if ("1".equals(System.getenv("AWS_MFA_AGENT_REQUIRE_TOOLS"))) {
            fail("AWS_MFA_AGENT_REQUIRE_TOOLS=1 but " + reason);
        }
        Assumptions.abort(reason);
    }

    private void purgeIfPresent() throws IOException, InterruptedException {
        Result state = run(List.of("dpkg-query", "-W", "-f=${db:Status-Abbrev}", PACKAGE));
        if (state.exit() == 0 && !state.output().isBlank()) {
            // After dpkg -r only the package's record is left ("rc"); after a failure, the whole package.
            Result purge = run(List.of("dpkg", "--purge", PACKAGE));
            if (purge.exit() != 0) {
                System.err.println("DebPackageIT: dpkg --purge " + PACKAGE + " failed:\n" + purge.output());
            }
        }
    }

    private boolean installed(String pkg) throws IOException, InterruptedException {
        Result r = run(List.of("dpkg-query", "-W", "-f=${db:Status-Abbrev}", pkg));
        return r.exit() == 0 && r.output().startsWith("ii");
    }

    private static boolean onPath(String tool) {
        return Stream.of(System.getenv()
                                .getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin")
                                .split(":"))
                        .map(dir -> Path.of(dir, tool))
                        .anyMatch(Files::isExecutable)
                || Files.isExecutable(Path.of("/usr/sbin", tool))
                || Files.isExecutable(Path.of("/sbin", tool));
    }

    private Result run(List<String> cmd) throws IOException, InterruptedException {
        return run(cmd, Map.of(), null, 120);
    }

    private static Result run(List<String> cmd, Map<String, String> env, Path dir, long timeoutSeconds)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        String path = pb.environment().getOrDefault("PATH", "/usr/bin:/bin");
        pb.environment().put("PATH", path + ":/usr/sbin:/sbin"); // dpkg calls ldconfig and start-stop-daemon
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        // Output to a file, not a pipe: a hung tool then meets the timeout instead of blocking a read.
        Path log = Files.createTempFile("aws-mfa-agent-deb-it", ".log");
        try {
            Process p = pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(log.toFile())
                    .start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail(String.join(" ", cmd) + " did not finish within " + timeoutSeconds + " s:\n" + read(log));
            }
            return new Result(cmd, p.exitValue(), read(log));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static String read(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }

    private record Result(List<String> cmd, int exit, String output) {
        Result expectSuccess(String what) {
            if (exit != 0) {
                fail(what + " exited " + exit + ": " + String.join(" ", cmd) + "\n" + output);
            }
            return this;
        }
    }

    @FunctionalInterface
    private interface Step {
        void run() throws IOException, InterruptedException;
    }

    private void timed(String name, Step step) throws IOException, InterruptedException {
        long start = System.nanoTime();
        step.run();
        timings.put(name, System.nanoTime() - start);
    }

    private static String describe(Map<String, Long> timings) {
        StringBuilder sb = new StringBuilder();
        timings.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ")
                .append(k)
                .append(' ')
                .append(String.format(Locale.ROOT, "%.1f s", v / 1e9)));
        return sb.toString();
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set: run through maven-failsafe "
                    + "(mvn verify), which sets it in agent/pom.xml");
        }
        return value;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
