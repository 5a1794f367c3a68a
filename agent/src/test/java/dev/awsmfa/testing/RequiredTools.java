package dev.awsmfa.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/** A test that needs a real program: skipped with the reason on a bare machine, failed in CI. */
public final class RequiredTools {
    private RequiredTools() {}

    /** CI sets AWS_MFA_AGENT_REQUIRE_TOOLS=1 so a missing tool fails instead of skipping. */
    public static void require(Path tool, String howToGet) {
        if (Files.isExecutable(tool)) {
            return;
        }
        String why = tool + " is missing (install " + howToGet + ")";
        if ("1".equals(System.getenv("AWS_MFA_AGENT_REQUIRE_TOOLS"))) {
            Assertions.fail(why + "; AWS_MFA_AGENT_REQUIRE_TOOLS=1 turns this skip into a failure");
        }
        Assumptions.abort(why);
    }
}
