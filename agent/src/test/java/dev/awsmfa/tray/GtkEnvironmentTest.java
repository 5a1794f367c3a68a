package dev.awsmfa.tray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.awsmfa.platform.Os;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class GtkEnvironmentTest {
    @Test
    @DisplayName("on Linux, native code sees GDK_GL=disable afterwards unless the user set it already")
    void setsGdkGlForNativeCode() {
        assumeTrue(Os.current() == Os.LINUX, "Linux only");
        String before = System.getenv("GDK_GL");
        GtkEnvironment.disableOpenGl(Os.LINUX);
        assertEquals(before == null ? "disable" : before, GtkEnvironment.nativeValue("GDK_GL"));
    }
}
