package dev.awsmfa.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AppDirsTest {

    final Path home = Path.of("/home/ana");

    @Test
    @DisplayName("Linux: state, settings and cache where the XDG Base Directory spec puts them")
    void linux() {
        AppDirs d = AppDirs.of(Os.LINUX, Map.of(), home);
        assertEquals(home.resolve(".local/state/aws-mfa-agent"), d.state());
        assertEquals(home.resolve(".config/aws-mfa-agent/agent.properties"), d.settings());
        assertEquals(home.resolve(".cache/aws-mfa-agent"), d.cache());

        AppDirs set = AppDirs.of(Os.LINUX, Map.of("XDG_CACHE_HOME", "/var/cache/ana"), home);
        assertEquals(Path.of("/var/cache/ana/aws-mfa-agent"), set.cache());
        AppDirs relative = AppDirs.of(Os.LINUX, Map.of("XDG_CACHE_HOME", "cache"), home);
        assertEquals(home.resolve(".cache/aws-mfa-agent"), relative.cache(), "the spec: a relative path is ignored");
    }

    @Test
    @DisplayName("macOS and Windows: their own cache folders")
    void macAndWindows() {
        assertEquals(
                home.resolve("Library/Caches/aws-mfa-agent"),
                AppDirs.of(Os.MAC, Map.of(), home).cache());
        assertEquals(
                Path.of("C:/Users/ana/AppData/Local/aws-mfa-agent/cache"),
                AppDirs.of(Os.WINDOWS, Map.of("LOCALAPPDATA", "C:/Users/ana/AppData/Local"), home)
                        .cache());
    }
}
