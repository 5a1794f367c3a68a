package dev.awsmfa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awsmfa.testing.CliRun;
import dev.awsmfa.testing.ExampleUser;
import dev.awsmfa.testing.RequiredTools;
import dev.awsmfa.testing.StsStub;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real AWS CLI (Debian's awscli, /usr/bin/aws) reads and uses the session we wrote. */
class AwsCliReadsWhatWeWriteTest {

    static final Path AWS = Path.of("/usr/bin/aws");

    @TempDir
    Path home;

    record Run(int exit, String out) {}

    Run aws(String... args) throws IOException, InterruptedException {
        List<String> argv = new java.util.ArrayList<>(List.of(args));
        argv.add(0, AWS.toString());
        ProcessBuilder pb = new ProcessBuilder(argv);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("AWS_"));
        env.put("HOME", home.toString());
        env.put("AWS_CONFIG_FILE", home.resolve(".aws/config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve(".aws/credentials").toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_PAGER", "");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Run(p.exitValue(), out.strip());
    }

    @Test
    @DisplayName(
            "aws configure get reads our keys, and aws sts get-caller-identity signs with them without asking anything")
    void awsCliUsesTheSession() throws Exception {
        RequiredTools.require(AWS, "Debian package awscli");
        try (StsStub sts = new StsStub()) {
            sts.addUser(ExampleUser.KEY, ExampleUser.SECRET, RenewCommandTest.SEED_SERIAL);
            sts.acceptCodes("123456");
            Path aws = Files.createDirectories(home.resolve(".aws"));
            Files.copy(Path.of("../config-samples/seed/config"), aws.resolve("config"));
            Files.copy(Path.of("../config-samples/seed/credentials"), aws.resolve("credentials"));
            CliRun cli = new CliRun(home);
            cli.useSts(sts);
            assertEquals(
                    0, cli.run("renew", "-p", "my-profle", "--code", "123456").exit());
            StsStub.IssuedCredentials issued = sts.issued().get(0);

            assertEquals(
                    issued.accessKeyId(),
                    aws("configure", "get", "aws_access_key_id", "--profile", "my-profle")
                            .out());
            assertEquals(
                    issued.token(),
                    aws("configure", "get", "aws_session_token", "--profile", "my-profle")
                            .out());

            Run who = aws(
                    "sts",
                    "get-caller-identity",
                    "--profile",
                    "my-profle",
                    "--region",
                    "us-east-1",
                    "--endpoint-url",
                    sts.endpoint().toString(),
                    "--output",
                    "text",
                    "--query",
                    "Arn");
            assertEquals(0, who.exit(), who.out());
            StsStub.Call call = sts.calls("GetCallerIdentity").get(0);
            assertEquals(issued.accessKeyId(), call.accessKeyId());
            assertTrue(call.signatureValid(), "the CLI signed with the session's secret and token");
        }
    }
}
