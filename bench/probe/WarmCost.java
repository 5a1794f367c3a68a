import dev.awsmfa.credentials.CredentialsEditor;
import dev.awsmfa.credentials.SessionCredentials;
import dev.awsmfa.profile.AwsFiles;
import dev.awsmfa.profile.ProfileCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * Issue 15: what the file work of a renewal (both files read and parsed, the credentials file read again and edited)
 * costs cold and warm in one JVM: the first run is a CLI renewal's, the last one's cost is what is left when the code
 * is compiled and its memory touched before. Also times the first and second edit alone.
 *
 * <p>usage: java OPTIONS -cp aws-mfa-agent.jar bench/probe/WarmCost.java HOME (or compiled: see RenewPhases)
 */
public class WarmCost {
    public static void main(String[] a) throws Exception {
        Path home = Path.of(a[0]);
        AwsFiles files = new AwsFiles(home.resolve(".aws/config"), home.resolve(".aws/credentials"));
        SessionCredentials c =
                new SessionCredentials("ASIAPROBE0000000001", "s".repeat(40), "t".repeat(700), Instant.now());
        for (int run = 1; run <= 30; run++) {
            long start = System.nanoTime();
            ProfileCatalog catalog = ProfileCatalog.load(files, Map.of());
            long loaded = System.nanoTime();
            byte[] bytes = Files.readAllBytes(files.credentials());
            CredentialsEditor.apply(bytes, catalog.credentials().source(), "dev01", c);
            long edited = System.nanoTime();
            if (run <= 2 || run == 30) {
                System.out.printf(
                        "run %2d: load %.1f ms, read + edit %.1f ms, together %.1f ms%n",
                        run, (loaded - start) / 1e6, (edited - loaded) / 1e6, (edited - start) / 1e6);
            }
        }
    }
}
