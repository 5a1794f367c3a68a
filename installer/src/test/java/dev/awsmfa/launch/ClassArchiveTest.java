package dev.awsmfa.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awsmfa.platform.AppDirs;
import dev.awsmfa.platform.Os;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassArchiveTest {

    @TempDir
    Path dir;

    Path jar;
    Path cds;
    ClassArchive archives;
    final Path java = Path.of("/opt/jdk/bin/java");
    final List<String> made = new ArrayList<>();

    /** A stand-in for java -Xshare:dump (the real one runs in PlainJarStartIT): the archive names the class list. */
    final ClassArchive.Maker maker = (java, jar, list, archive) -> {
        made.add(jar + " -> " + archive.getFileName());
        Files.writeString(archive, "archive of " + Files.readAllLines(list).size() + " classes");
    };

    @BeforeEach
    void setUp() throws IOException {
        jar = Files.writeString(dir.resolve("aws-mfa-agent.jar"), "PK not really a jar");
        AppDirs dirs = AppDirs.of(
                Os.LINUX, Map.of("XDG_CACHE_HOME", dir.resolve("cache").toString()), dir);
        archives = new ClassArchive(dirs);
        cds = dir.resolve("cache/aws-mfa-agent/cds");
    }

    @Test
    @DisplayName("no archive until one is made; then the tray agent's class list, archived for this jar")
    void makesOnce() throws IOException {
        assertEquals(Optional.empty(), archives.ready(jar));

        archives.make(maker, java, jar);
        Path archive = archives.ready(jar).orElseThrow();
        assertEquals(cds, archive.getParent());
        assertTrue(Files.readString(archive).matches("archive of \\d{3,} classes"), Files.readString(archive));
        archives.make(maker, java, jar);
        assertEquals(1, made.size(), "made once: " + made);
        assertEquals(List.of(archive), files(), "no temporary class list or part left behind");
    }

    @Test
    @DisplayName("a replaced jar gets a new archive and the old one is removed")
    void replacedJar() throws IOException {
        archives.make(maker, java, jar);
        Path first = archives.ready(jar).orElseThrow();

        Files.setLastModifiedTime(
                jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 60_000));
        assertEquals(Optional.empty(), archives.ready(jar), "JDK 17 would ignore the old archive: not offered");
        archives.make(maker, java, jar);
        Path second = archives.ready(jar).orElseThrow();
        assertNotEquals(first, second);
        assertEquals(List.of(second), files());
    }

    @Test
    @DisplayName("a dump that fails leaves no archive and nothing half-written")
    void failedDump() throws IOException {
        ClassArchive.Maker failing = (java, jar, list, archive) -> {
            Files.writeString(archive, "half");
            throw new IOException("java -Xshare:dump did not make it");
        };
        assertThrows(IOException.class, () -> archives.make(failing, java, jar));
        assertEquals(Optional.empty(), archives.ready(jar));
        assertEquals(List.of(), files());
    }

    @Test
    @DisplayName("a jar that cannot be read has no archive")
    void missingJar() {
        assertEquals(Optional.empty(), archives.ready(dir.resolve("gone.jar")));
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(cds)) {
            return s.toList();
        }
    }
}
