package dev.awsmfa.autostart;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/** An external checker a test runs; missing, it skips the test, or fails it when AWS_MFA_AGENT_REQUIRE_TOOLS=1 (CI). */
final class RequiredTool {

    private RequiredTool() {}

    static Path find(String name, String debianPackage) {
        Optional<Path> found = Stream.concat(
                        Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)),
                        Stream.of("/usr/bin"))
                .filter(folder -> !folder.isEmpty())
                .map(folder -> Path.of(folder, name))
                .filter(Files::isExecutable)
                .findFirst();
        String missing = name + " is not installed (Debian package " + debianPackage + ")";
        if (found.isEmpty() && "1".equals(System.getenv("AWS_MFA_AGENT_REQUIRE_TOOLS"))) {
            fail(missing + " but AWS_MFA_AGENT_REQUIRE_TOOLS=1 requires it");
        }
        assumeTrue(found.isPresent(), missing + "; set AWS_MFA_AGENT_REQUIRE_TOOLS=1 to fail instead of skipping");
        return found.get();
    }
}
