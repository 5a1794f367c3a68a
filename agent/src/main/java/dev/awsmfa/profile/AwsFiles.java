package dev.awsmfa.profile;

import java.nio.file.Path;
import java.util.Map;

/** Where the user's AWS files are, as the AWS CLI finds them. */
public record AwsFiles(Path config, Path credentials) {

    public static AwsFiles locate(Map<String, String> env, Path home) {
        return new AwsFiles(
                pathFrom(env.get("AWS_CONFIG_FILE"), home, home.resolve(".aws").resolve("config")),
                pathFrom(
                        env.get("AWS_SHARED_CREDENTIALS_FILE"),
                        home,
                        home.resolve(".aws").resolve("credentials")));
    }

    private static Path pathFrom(String value, Path home, Path fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        // The AWS CLI expands a leading ~ in these variables; so do we.
        if (value.equals("~")) {
            return home;
        }
        if (value.startsWith("~/")) {
            return home.resolve(value.substring(2));
        }
        return Path.of(value).toAbsolutePath();
    }
}
