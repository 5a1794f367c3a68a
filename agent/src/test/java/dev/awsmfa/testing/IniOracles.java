package dev.awsmfa.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.profiles.ProfileFile;

/** Independent readers of a credentials file: Python's configparser (as botocore reads) and the Java SDK. */
public final class IniOracles {
    private IniOracles() {}

    private static final String PYTHON = String.join(
            "\n",
            "import configparser, json, sys",
            "cp = configparser.RawConfigParser(strict=False)",
            "cp.read(sys.argv[1], encoding='utf-8-sig')",
            "print(json.dumps({s: dict(cp.items(s)) for s in cp.sections()}))");

    /** Sections to key/value maps as Python's RawConfigParser sees them (values raw, keys lower-cased). */
    public static Map<String, Map<String, String>> python(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("python3", "-c", PYTHON, file.toString())
                .redirectErrorStream(false)
                .start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("configparser failed: " + err);
        }
        return Json.parseObjectOfObjects(new String(out, StandardCharsets.UTF_8));
    }

    /** The profile's properties as the Java SDK reads a credentials file, or empty if the SDK rejects the file. */
    public static Optional<Map<String, String>> sdk(Path file, String profile) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            ProfileFile f = ProfileFile.builder()
                    .content(new ByteArrayInputStream(bytes))
                    .type(ProfileFile.Type.CREDENTIALS)
                    .build();
            return Optional.of(
                    f.profile(profile).map(pr -> new HashMap<>(pr.properties())).orElse(new HashMap<>()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
