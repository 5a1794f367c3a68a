package dev.awsmfa.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The platform room's two rules, checked on the main sources of both modules. */
class PlatformRoomTest {
    static final List<Path> SOURCES = List.of(Path.of("src/main/java"), Path.of("../installer/src/main/java"));

    static List<String> filesContaining(String text) throws IOException {
        List<String> found = new java.util.ArrayList<>();
        for (Path root : SOURCES) {
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                    try {
                        if (Files.readString(f).contains(text)) {
                            found.add(f.getFileName().toString());
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
        return found;
    }

    @Test
    @DisplayName("the OS is found in one place: only Os reads os.name")
    void osNameReadOnce() throws IOException {
        assertEquals(List.of("Os.java"), filesContaining("getProperty(\"os.name\""));
    }

    @Test
    @DisplayName("programs are started in one place: only SystemProcessRunner makes a ProcessBuilder")
    void oneProcessRunner() throws IOException {
        assertEquals(List.of("SystemProcessRunner.java"), filesContaining("new ProcessBuilder("));
        assertEquals(List.of(), filesContaining("Runtime.getRuntime().exec("));
    }
}
