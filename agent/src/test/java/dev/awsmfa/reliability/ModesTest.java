package dev.awsmfa.reliability;

import static dev.awsmfa.testing.ExampleUser.KEY;
import static dev.awsmfa.testing.ExampleUser.SECRET;
import static dev.awsmfa.testing.ExampleUser.SERIAL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awsmfa.testing.StsStub;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5, item 7: everything we write is 0600 or tighter and every folder we create is 0700, even under umask 000
 * (where a file gets exactly the mode the code asks for). The programs run in their own JVM under {@code umask 000}
 * and {@code strace -f -e trace=openat,open,creat,mkdir,mkdirat}, so the mode of every file and folder they create
 * is read from the system call itself, temp files included, then checked again with stat afterwards.
 */
class ModesTest {

    // No "= result" in the patterns: with -f, strace may split a call into "<unfinished ...>" and "<... resumed>".
    static final Pattern OPEN =
            Pattern.compile("open(?:at)?\\((?:AT_FDCWD, |\\d+, )?\"([^\"]+)\", ([A-Z_|]+)(?:, (0\\d+))?");
    static final Pattern CREAT = Pattern.compile("creat\\(\"([^\"]+)\", (0\\d+)");
    static final Pattern MKDIR = Pattern.compile("mkdir(?:at)?\\((?:AT_FDCWD, |\\d+, )?\"([^\"]+)\", (0\\d+)");

    @TempDir
    Path home;

    /** What a traced run created under {@code root}: path -> requested mode. */
    record Created(Map<String, String> files, Map<String, String> folders) {}

    @Test
    @DisplayName("renew under umask 000: temp, lock and credentials files 0600; a looser credentials file is tightened")
    void renewWritesOnlyPrivateFiles() throws Exception {
        Strace.require();
        try (StsStub sts = new StsStub()) {
            sts.addUser(KEY, SECRET, SERIAL);
            sts.acceptCodes("731902", "270413");
            Path aws = Files.createDirectories(home.resolve(".aws"));
            Files.createDirectories(home.resolve("tmp"));
            Path config = aws.resolve("config");
            Path credentials = aws.resolve("credentials");
            Files.writeString(config, "[profile dev]\nsource_profile = base\nmfa_serial = " + SERIAL + "\n");
            Files.writeString(
                    credentials, "[base]\naws_access_key_id = " + KEY + "\naws_secret_access_key = " + SECRET + "\n");
            Files.setPosixFilePermissions(credentials, PosixFilePermissions.fromString("rw-rw-rw-"));
            Map<String, String> env = Map.of(
                    "AWS_CONFIG_FILE",
                    config.toString(),
                    "AWS_SHARED_CREDENTIALS_FILE",
                    credentials.toString(),
                    "AWS_ENDPOINT_URL_STS",
                    sts.endpoint().toString());

            List<String> problems = new ArrayList<>();
            Map<String, String> created = new TreeMap<>();
            String note = "";
            for (String code : new String[] {"731902", "270413"}) {
                Set<String> existed = paths(home);
                Path log = home.resolve("tmp/modes-" + code + ".strace");
                ChildJvm.Result r = runUnderUmask000(
                        log, ChildJvm.command(home, "dev.awsmfa.cli.Main", "renew", "-p", "dev"), env, code);
                assertEquals(0, r.exit(), r.out() + r.err());
                note += r.err().strip();
                Created c = created(log, home, existed);
                c.files().forEach((p, m) -> created.put(p + " (file)", m));
                c.folders().forEach((p, m) -> created.put(p + " (folder)", m));
                check(c, problems);
            }
            assertTrue(note.contains("was readable by others; it is now 0600"), "the user is told: " + note);
            assertEquals("rw-------", mode(credentials), "the looser credentials file is tightened");
            Path lock;
            try (java.util.stream.Stream<Path> s = Files.list(home.resolve(".local/state/aws-mfa-agent/locks"))) {
                lock = s.findFirst().orElseThrow(); // our write lock: in our state folder, not beside the user's file
            }
            assertEquals("rw-------", mode(lock));
            assertFalse(Files.exists(aws.resolve(".credentials.lock")), "nothing left in ~/.aws");
            assertTrue(
                    created.keySet().stream().anyMatch(p -> p.endsWith(".aws-mfa-agent.tmp (file)")),
                    "the trace saw the temp files: " + created);
            assertTrue(
                    created.keySet().stream()
                            .anyMatch(p -> p.startsWith(".local/state/aws-mfa-agent/locks/credentials-")),
                    "the trace saw the lock file created: " + created);
            System.out.println("modes: renew x2 under umask 000: created " + created + "; credentials 0666 -> "
                    + mode(credentials) + ", lock " + mode(lock) + "; problems: " + problems.size());
            assertEquals(List.of(), problems);
        }
    }

    @Test
    @DisplayName("a first write under umask 000 creates the missing folders 0700 and the file and its lock 0600")
    void newFoldersArePrivate() throws Exception {
        Strace.require();
        Files.createDirectories(home.resolve("tmp"));
        Path credentials = home.resolve("new/nested/.aws/credentials");
        Set<String> existed = paths(home);
        Path log = home.resolve("tmp/modes-new.strace");
        ChildJvm.Result r = runUnderUmask000(
                log,
                ChildJvm.command(home, CrashWriterMain.class.getName(), credentials.toString(), "dev", "1", "3"),
                Map.of(),
                "");
        assertEquals(0, r.exit(), r.out() + r.err());
        Created c = created(log, home, existed);
        List<String> problems = new ArrayList<>();
        check(c, problems);
        Map<String, String> after = new TreeMap<>();
        for (Path p : List.of(home.resolve("new"), home.resolve("new/nested"), home.resolve("new/nested/.aws"))) {
            after.put(home.relativize(p) + "/", mode(p));
            if (!mode(p).equals("rwx------")) {
                problems.add(p + " is " + mode(p));
            }
        }
        try (Stream<Path> s = Files.list(credentials.getParent())) {
            for (Path p : s.toList()) {
                after.put(home.relativize(p).toString(), mode(p));
                if (!mode(p).equals("rw-------")) {
                    problems.add(p + " is " + mode(p));
                }
            }
        }
        assertEquals(
                Set.of("new/", "new/nested/", "new/nested/.aws/", "new/nested/.aws/credentials"),
                after.keySet(),
                "no temp file and no lock left beside the file");
        System.out.println("modes: first write under umask 000 into a missing folder: mkdir " + c.folders()
                + ", open(O_CREAT) " + c.files() + "; afterwards " + after + "; problems: " + problems.size());
        assertEquals(List.of(), problems);
    }

    @Test
    @DisplayName(
            "the agent's own files under umask 000: log folder 0700, every log file 0600 (rotated too), lock and marker 0600")
    void agentFilesArePrivate() throws Exception {
        Files.createDirectories(home.resolve("tmp"));
        Path state = home.resolve(".local/state/aws-mfa-agent");
        Path logs = home.resolve(".local/state/aws-mfa-agent");
        List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c", "umask 000 && exec \"$@\"", "sh"));
        cmd.addAll(ChildJvm.command(home, AgentFilesMain.class.getName(), state.toString(), logs.toString()));
        ChildJvm.Result r = ChildJvm.run(ChildJvm.builder(cmd, home, Map.of()), "", Duration.ofSeconds(120));
        assertEquals(0, r.exit(), r.out() + r.err());
        assertEquals("done", r.out().strip());
        Map<String, String> modes = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        try (Stream<Path> s = Files.walk(home.resolve(".local"))) {
            for (Path p : s.toList()) {
                boolean dir = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
                modes.put(home.relativize(p) + (dir ? "/" : ""), mode(p));
                if (!mode(p).equals(dir ? "rwx------" : "rw-------")) {
                    problems.add(home.relativize(p) + " is " + mode(p));
                }
            }
        }
        assertTrue(
                modes.containsKey(".local/state/aws-mfa-agent/agent.log.2"),
                "the log rotated twice: " + modes.keySet());
        System.out.println("modes: agent files under umask 000: " + modes + "; not private: " + problems);
        assertEquals(List.of(), problems);
    }

    private static ChildJvm.Result runUnderUmask000(
            Path log, List<String> java, Map<String, String> env, String stdin) {
        List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c", "umask 000 && exec \"$@\"", "sh"));
        cmd.addAll(Strace.wrap(log, "openat,open,creat,mkdir,mkdirat", java));
        return ChildJvm.run(
                ChildJvm.builder(cmd, log.getParent().getParent(), env), stdin + "\n", Duration.ofSeconds(120));
    }

    /** Files (O_CREAT on a path that did not exist before the run) and folders the traced run created under root. */
    private static Created created(Path log, Path root, Set<String> existed) throws Exception {
        Map<String, String> files = new TreeMap<>();
        Map<String, String> folders = new TreeMap<>();
        String prefix = root.toString() + "/";
        for (String line : Files.readAllLines(log)) {
            if (line.contains("= -1 ")) {
                continue; // failed: created nothing
            }
            Matcher o = OPEN.matcher(line);
            if (o.find()
                    && o.group(1).startsWith(prefix)
                    && o.group(2).contains("O_CREAT")
                    && !o.group(1).endsWith(".strace")) {
                // Only the first O_CREAT of a path that was not there creates it; later opens find it (mode unused).
                if (existed.add(o.group(1))) {
                    String name = o.group(1)
                            .substring(prefix.length())
                            .replaceAll("\\.[0-9a-f]{12}\\.aws-mfa-agent\\.tmp$", ".RANDOM.aws-mfa-agent.tmp");
                    String mode = o.group(3) == null ? "none" : o.group(3);
                    files.merge(name, mode, (a, b) -> a.equals(b) ? a : a + "," + b);
                }
                continue;
            }
            Matcher c = CREAT.matcher(line);
            if (c.find() && c.group(1).startsWith(prefix)) {
                files.put(c.group(1).substring(prefix.length()), c.group(2));
                continue;
            }
            Matcher d = MKDIR.matcher(line);
            if (d.find() && d.group(1).startsWith(prefix)) {
                folders.put(d.group(1).substring(prefix.length()), d.group(2));
            }
        }
        return new Created(files, folders);
    }

    private static void check(Created c, List<String> problems) {
        c.files().forEach((p, m) -> {
            for (String one : m.split(",")) {
                if (one.equals("none") || (Integer.parseInt(one, 8) & 077) != 0) {
                    problems.add("file " + p + " created " + one);
                }
            }
        });
        c.folders().forEach((p, m) -> {
            if ((Integer.parseInt(m, 8) & 077) != 0) {
                problems.add("folder " + p + " created " + m);
            }
        });
    }

    private static Set<String> paths(Path root) throws Exception {
        Set<String> all = new HashSet<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.forEach(p -> all.add(p.toString()));
        }
        return all;
    }

    private static String mode(Path p) throws Exception {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
        return PosixFilePermissions.toString(perms);
    }
}
