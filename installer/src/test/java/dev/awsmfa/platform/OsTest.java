package dev.awsmfa.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "Linux, LINUX",
        "Mac OS X, MAC",
        "Windows 11, WINDOWS",
        "Windows Server 2022, WINDOWS",
        "FreeBSD, BSD",
        "OpenBSD, BSD",
        "SunOS, OTHER",
        "'', OTHER"
    })
    @DisplayName("names the OS from os.name")
    void of(String osName, Os os) {
        assertEquals(os, Os.of(osName));
    }

    @Test
    @DisplayName("this JVM's OS is the one os.name says, and freedesktop means Linux and the BSDs")
    void current() {
        assertEquals(Os.of(System.getProperty("os.name")), Os.current());
        assertTrue(Os.LINUX.isFreedesktop()
                && Os.BSD.isFreedesktop()
                && !Os.MAC.isFreedesktop()
                && !Os.OTHER.isFreedesktop());
    }
}
