import dev.awsmfa.credentials.CredentialsFile;
import dev.awsmfa.credentials.CredentialsWriter;
import dev.awsmfa.credentials.SessionCredentials;
import dev.awsmfa.profile.AwsFiles;
import dev.awsmfa.profile.ManagedProfile;
import dev.awsmfa.profile.ProfileCatalog;
import dev.awsmfa.renew.DeviceGroup;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Issue 15: the renew path's file steps as a CLI renewal meets them (catalog, device group, check, write, the look
 * after the pause, here 1 ms), timed once each, cold, with the young collections and minor page faults (memory
 * touched for the first time) of each step. Writes a session into [dev01] of HOME's credentials file; the write
 * lock goes to HOME/locks.
 *
 * <p>usage: java -cp aws-mfa-agent.jar bench/probe/RenewPhases.java HOME
 */
public class RenewPhases {
    static long last;
    static long collections;
    static long collectionMs;
    static long faults;
    static long allocated;

    public static void main(String[] a) throws Exception {
        Path home = Path.of(a[0]);
        AwsFiles files = new AwsFiles(home.resolve(".aws/config"), home.resolve(".aws/credentials"));
        gc();
        last = System.nanoTime();
        ProfileCatalog catalog = ProfileCatalog.load(files, Map.of());
        mark("ProfileCatalog.load");
        ManagedProfile p = catalog.resolve("dev01");
        List<ManagedProfile> group = DeviceGroup.of(catalog, p).members();
        mark("resolve + DeviceGroup.of");
        SessionCredentials c = new SessionCredentials(
                "ASIAPROBE0000000001", "s".repeat(40), "t".repeat(700), Instant.now().plusSeconds(3600));
        CredentialsFile file =
                new CredentialsFile(files.credentials(), home.resolve("locks"), catalog.credentials().source());
        try (CredentialsWriter out = new CredentialsWriter(file, Duration.ofMillis(1))) {
            out.check(group.stream().map(ManagedProfile::name).toList());
            mark("CredentialsWriter.check");
            out.write("dev01", c);
            mark("CredentialsWriter.write");
            out.confirm();
            mark("CredentialsWriter.confirm (1 ms pause)");
        }
    }

    static void mark(String what) {
        long now = System.nanoTime();
        long c = collections;
        long ms = collectionMs;
        long f = faults;
        long bytes = allocated;
        gc();
        System.out.printf(
                "%-40s %7.1f ms  young collections %3d (%d ms)  page faults %5d  allocated %6.2f MB%n",
                what, (now - last) / 1e6, collections - c, collectionMs - ms, faults - f, (allocated - bytes) / 1e6);
        last = System.nanoTime();
    }

    static void gc() {
        collections = 0;
        collectionMs = 0;
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            collections += b.getCollectionCount();
            collectionMs += b.getCollectionTime();
        }
        faults = minorFaults();
        allocated = ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    /** The process's minor page faults so far (/proc/self/stat, field 10): memory touched for the first time. */
    static long minorFaults() {
        try {
            String stat = java.nio.file.Files.readString(Path.of("/proc/self/stat"));
            return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[7]);
        } catch (Exception e) {
            return -1;
        }
    }
}
