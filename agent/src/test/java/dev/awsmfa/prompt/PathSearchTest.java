package dev.awsmfa.prompt;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.awsmfa.platform.Os;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PathSearchTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("finds an executable file in a PATH folder, not a plain file nor a folder")
    void unix() throws Exception {
        assumeTrue(!Os.current().isWindows());
        Path bin = Files.createDirectory(dir.resolve("bin"));
        Files.createFile(
                bin.resolve("zenity"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.createFile(bin.resolve("kdialog"));
        Files.createDirectory(bin.resolve("gdbus"));
        PathSearch onPath = new PathSearch(Map.of("PATH", "::/nonexistent:" + bin), Os.LINUX);
        assertTrue(onPath.test("zenity"));
        assertFalse(onPath.test("kdialog"), "not executable");
        assertFalse(onPath.test("gdbus"), "a folder");
        assertFalse(onPath.test("osascript"));
    }

    @Test
    @DisplayName("on Windows reads the Path variable in any case and tries PATHEXT's extensions")
    void windows() throws Exception {
        Path bin = Files.createDirectory(dir.resolve("bin"));
        Path exe = Files.createFile(bin.resolve("ykman.exe"));
        exe.toFile().setExecutable(true);
        PathSearch onPath = new PathSearch(Map.of("Path", bin.toString(), "PATHEXT", ".COM;.EXE"), Os.WINDOWS);
        assertTrue(onPath.test("ykman"));
        assertFalse(onPath.test("zenity"));
    }
}
