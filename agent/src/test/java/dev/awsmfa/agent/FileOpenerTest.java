package dev.awsmfa.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.awsmfa.platform.Os;
import dev.awsmfa.prompt.FakeHelperRunner;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FileOpenerTest {
    final Path file = Path.of("/home/jane/.aws/credentials");

    @Test
    @DisplayName("each OS's own opener, started through the process runner without waiting for the editor")
    void opener() {
        for (var os : List.of(Os.LINUX, Os.BSD, Os.MAC, Os.WINDOWS)) {
            FakeHelperRunner runner = new FakeHelperRunner();
            FileOpener.open(runner, os, file);
            assertEquals(List.of(FileOpener.command(os, file)), runner.argvs(), os.toString());
        }
        assertEquals(List.of("xdg-open", file.toString()), FileOpener.command(Os.LINUX, file));
        assertEquals(List.of("open", "-t", file.toString()), FileOpener.command(Os.MAC, file));
        assertEquals(List.of("notepad.exe", file.toString()), FileOpener.command(Os.WINDOWS, file));
    }
}
