package dev.awsmfa.reliability;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Root-only setups (mounts). As root, chmod stops nothing, so a read-only folder or a full disk is simulated
 * with a real mount. Skipped with the reason on a machine where we are not root (or may not mount), failed
 * instead when CI sets AWS_MFA_AGENT_REQUIRE_TOOLS=1.
 */
final class Root {
    private Root() {}

    static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (Exception e) {
            return false;
        }
    }

    static void require(String what) {
        if (!isRoot()) {
            skipOrFail(what + " needs root (it mounts a file system); run the tests as root to include it");
        }
    }

    static void skipOrFail(String why) {
        if ("1".equals(System.getenv("AWS_MFA_AGENT_REQUIRE_TOOLS"))) {
            Assertions.fail(why + "; AWS_MFA_AGENT_REQUIRE_TOOLS=1 turns this skip into a failure");
        }
        Assumptions.abort(why);
    }
}
