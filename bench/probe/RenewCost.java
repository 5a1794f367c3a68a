import dev.awsmfa.credentials.SessionCredentials;
import dev.awsmfa.profile.AwsFiles;
import dev.awsmfa.profile.IniLines;
import dev.awsmfa.profile.ProfileCatalog;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * Issue 15: where a renewal's extra time in a big file goes, timed once each, cold, in the order the CLI does
 * them (a CLI run is one cold pass, so JMH's warmed-up figures understate it).
 *
 * <p>usage: java -cp aws-mfa-agent.jar bench/probe/RenewCost.java HOME
 */
public class RenewCost {
    public static void main(String[] a) throws Exception {
        Path home = Path.of(a[0]);
        AwsFiles files = new AwsFiles(home.resolve(".aws/config"), home.resolve(".aws/credentials"));
        long t0 = System.nanoTime();
        ProfileCatalog.load(files, Map.of());
        long t1 = System.nanoTime();
        byte[] bytes = Files.readAllBytes(files.credentials());
        String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        long t2 = System.nanoTime();
        IniLines.parse(text);
        long t3 = System.nanoTime();
        Method apply = Class.forName("dev.awsmfa.credentials.CredentialsEditor")
                .getMethod("apply", byte[].class, String.class, SessionCredentials.class);
        SessionCredentials c = new SessionCredentials("ASIAX", "s", "t".repeat(400), Instant.now().plusSeconds(3600));
        long t4 = System.nanoTime();
        apply.invoke(null, bytes, "dev01", c);
        long t5 = System.nanoTime();
        System.out.printf("catalog.load %.1f ms, read credentials %.1f ms, IniLines.parse(credentials) %.1f ms, "
                        + "CredentialsEditor.apply %.1f ms%n",
                (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6, (t5 - t4) / 1e6);
    }
}
