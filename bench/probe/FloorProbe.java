import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Issue 15: the least file work any renewal of [dev01] must do in a cold JVM, to tell how much of our renewal's
 * cost in a 1,000-profile pair is ours and how much is the JVM's. A lower bound, not a reader: it keeps no line
 * model, no values but the two the device group needs, works on bytes, and knows the fixtures are ASCII.
 *
 * <ul>
 *   <li>both files read, every line looked at as the AWS CLI must (a file it refuses, with a duplicate section or
 *       key or a line that is not {@code key = value}, must be refused): section names and each section's keys in
 *       sets;
 *   <li>the device group: the profiles whose source_profile has the target's access key;
 *   <li>the write: the credentials file read again (it may have changed during the STS call) and compared, the new
 *       content made from byte ranges, a 0600 temp file written, fsynced, renamed, the folder fsynced.
 * </ul>
 *
 * MODE {@code scan}: the reading and the device group only; {@code write} (the default): and the write; {@code check}:
 * and what our pre-code check does (the edit and a temp file of the final size, deleted) and the look after the write
 * (the file read again and compared), the same steps as {@code aws-mfa-agent renew}.
 *
 * <p>usage: java OPTIONS -cp DIR FloorProbe HOME [MODE]; prints the group's size (so nothing is optimised away).
 */
public class FloorProbe {
    /** What a scan keeps: section names with one value each, and the target section's byte range. */
    record Scan(Map<String, String> kept, int targetStart, int targetEnd) {}

    public static void main(String[] a) throws IOException {
        Path home = Path.of(a[0]);
        String mode = a.length > 1 ? a[1] : "write";
        boolean check = mode.equals("check");
        Path config = home.resolve(".aws/config");
        Path credentials = home.resolve(".aws/credentials");
        Scan profiles = scan(Files.readAllBytes(config), "source_profile", null);
        byte[] read = Files.readAllBytes(credentials);
        Scan keys = scan(read, "aws_access_key_id", "dev01");
        String targetKey = keys.kept().get(profiles.kept().get("profile dev01"));
        int group = 0;
        for (Map.Entry<String, String> p : profiles.kept().entrySet()) {
            if (p.getValue() != null && targetKey.equals(keys.kept().get(p.getValue()))) {
                group++;
            }
        }
        byte[] section = ("[dev01]\naws_access_key_id = ASIAPROBE0000000001\naws_secret_access_key = " + "s".repeat(40)
                        + "\naws_session_token = " + "t".repeat(700) + "\naws_session_expiration = 2026-12-07T03:07:42Z\n\n")
                .getBytes(StandardCharsets.US_ASCII);
        if (mode.equals("scan")) {
            System.out.println(group);
            return;
        }
        if (check) {
            Files.delete(temp(credentials, edit(read, keys, section)));
        }
        byte[] again = Files.readAllBytes(credentials);
        if (!Arrays.equals(again, read)) {
            throw new IllegalStateException("changed");
        }
        byte[] out = edit(again, keys, section);
        Path temp = temp(credentials, out);
        Files.move(temp, credentials, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel dir = FileChannel.open(credentials.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        }
        if (check && !Arrays.equals(Files.readAllBytes(credentials), out)) {
            throw new IllegalStateException("clobbered");
        }
        System.out.println(group);
    }

    /** Every line classified; duplicates refused; {@code key}'s value kept per section. */
    static Scan scan(byte[] b, String key, String target) {
        Map<String, String> kept = new HashMap<>();
        Set<String> keysOfSection = new HashSet<>();
        String section = null;
        int targetStart = -1;
        int targetEnd = -1;
        int n = b.length;
        int start = 0;
        while (start < n) {
            int end = start;
            while (end < n && b[end] != '\n') {
                end++;
            }
            int s = start;
            while (s < end && (b[s] == ' ' || b[s] == '\t' || b[s] == '\r')) {
                s++;
            }
            int e = end;
            while (e > s && (b[e - 1] == ' ' || b[e - 1] == '\t' || b[e - 1] == '\r')) {
                e--;
            }
            if (s < e && b[s] != '#' && b[s] != ';') {
                if (b[s] == '[' && b[e - 1] == ']') {
                    if (targetStart >= 0 && targetEnd < 0) {
                        targetEnd = start;
                    }
                    section = new String(b, s + 1, e - s - 2, StandardCharsets.US_ASCII);
                    if (kept.containsKey(section)) {
                        throw new IllegalStateException("duplicate section " + section);
                    }
                    kept.put(section, null);
                    keysOfSection.clear();
                    if (section.equals(target)) {
                        targetStart = start;
                    }
                } else if (s == start) {
                    int sep = s;
                    while (sep < e && b[sep] != '=' && b[sep] != ':') {
                        sep++;
                    }
                    if (sep == e || section == null) {
                        throw new IllegalStateException("not key = value");
                    }
                    int ke = sep;
                    while (ke > s && b[ke - 1] == ' ') {
                        ke--;
                    }
                    String k = new String(b, s, ke - s, StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
                    if (!keysOfSection.add(k)) {
                        throw new IllegalStateException("duplicate key " + k);
                    }
                    if (k.equals(key)) {
                        int v = sep + 1;
                        while (v < e && b[v] == ' ') {
                            v++;
                        }
                        kept.put(section, new String(b, v, e - v, StandardCharsets.US_ASCII));
                    }
                }
            }
            start = end + 1;
        }
        if (targetStart >= 0 && targetEnd < 0) {
            targetEnd = n;
        }
        return new Scan(kept, targetStart, targetEnd);
    }

    /** The file with the target section replaced: two byte ranges around the new section. */
    static byte[] edit(byte[] file, Scan at, byte[] section) {
        byte[] out = new byte[file.length - (at.targetEnd() - at.targetStart()) + section.length];
        System.arraycopy(file, 0, out, 0, at.targetStart());
        System.arraycopy(section, 0, out, at.targetStart(), section.length);
        System.arraycopy(
                file, at.targetEnd(), out, at.targetStart() + section.length, file.length - at.targetEnd());
        return out;
    }

    /** A 0600 temp file beside {@code target} holding {@code content}, fsynced. */
    static Path temp(Path target, byte[] content) throws IOException {
        Path temp = Files.createTempFile(
                target.getParent(), ".credentials", ".tmp", PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-------")));
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.wrap(content);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        return temp;
    }
}
