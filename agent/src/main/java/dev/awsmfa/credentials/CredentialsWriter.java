package dev.awsmfa.credentials;

import dev.awsmfa.profile.IniFile;
import dev.awsmfa.profile.ProfileException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The write path of one renewal, in one place: the check before a code is spent, each session written as it
 * arrives (locked, re-read, atomic rename: {@link CredentialsFile}), and at the end the look for writers that
 * take no lock (the AWS CLI rewrites the file in place): one that wrote into a file we replaced gets our keys
 * put onto its content (rebase), one that dropped our keys gets them written again. Holds the replaced files
 * open until closed.
 */
public final class CredentialsWriter implements AutoCloseable {
    private final CredentialsFile file;
    private final Duration settle;
    private final Duration quiet;
    /** The pauses {@link #confirm} took, in order: which one it chose is its decision, and tests check it. */
    private final List<Duration> pauses = new ArrayList<>();
    /** Whether a write met a sign of a writer that takes no lock (then the first look waits the full settle). */
    private boolean othersWriting;

    private final List<Map.Entry<String, SessionCredentials>> written = new ArrayList<>();
    private final List<ReplacedFile> replaced = new ArrayList<>();
    private CredentialsFile.WriteResult last;
    /** Whether our last write (or rebase) holds every session written: then finding its bytes is enough. */
    private boolean complete = true;

    private boolean created;
    private boolean tightened;

    /** {@code settle}: how long after the writes to look again (zero: not at all). */
    public CredentialsWriter(CredentialsFile file, Duration settle) {
        this(file, settle, settle);
    }

    /**
     * {@code quiet}: the first look's pause when no write met a sign of another writer (see {@link SettlePause});
     * {@code settle} otherwise, and for every look after a repair.
     */
    public CredentialsWriter(CredentialsFile file, Duration settle, Duration quiet) {
        this.file = file;
        this.settle = settle;
        this.quiet = quiet.compareTo(settle) < 0 ? quiet : settle;
    }

    /** What {@link #write} would meet for {@code sections}, short of writing (see {@link CredentialsFile#check}). */
    public void check(List<String> sections) throws CredentialsFileException {
        file.check(sections);
    }

    public void write(String section, SessionCredentials creds) throws CredentialsFileException {
        byte[] previous = file.lastWritten();
        last = file.write(section, creds);
        // Our last write holds every session written so far when each write was made onto the one before.
        complete = written.isEmpty()
                || (complete && previous != null && last.replaced().readWas(previous));
        othersWriting |= last.othersWriting();
        created |= last.created();
        tightened |= last.tightened();
        replaced.add(last.replaced());
        written.add(Map.entry(section, creds));
    }

    /** The file written (a symlink's target); null before the first write. */
    public Path target() {
        return last == null ? null : last.target();
    }

    /** Whether a write created the file. */
    public boolean created() {
        return created;
    }

    /** Whether a write replaced a file others could read with a 0600 one. */
    public boolean tightened() {
        return tightened;
    }

    /**
     * The AWS CLI rewrites the file in place without a lock; if it read the file just before our rename, its write
     * drops our keys. Look again after a moment (up to three rounds) and put them back if they went missing. The
     * first look comes after the quiet pause unless a write met signs of another writer; a repair means one is at
     * work, so the looks after it wait the full settle.
     */
    public void confirm() throws CredentialsFileException {
        for (int round = 0; round < 3 && !settle.isZero(); round++) {
            Duration pause = round == 0 && !othersWriting ? quiet : settle;
            pauses.add(pause);
            pause(pause);
            // A writer that opened the file just before our rename wrote into the file we replaced:
            // its whole new content is there; put our keys onto it.
            Optional<byte[]> late = Optional.empty();
            byte[] lateBase = null;
            for (ReplacedFile r : replaced) {
                Optional<byte[]> content = r.lateWrite();
                if (content.isPresent()) {
                    late = content;
                    lateBase = r.read();
                }
            }
            if (late.isPresent()) {
                close();
                replaced.add(
                        file.rebase(lateBase, late.get(), List.copyOf(written)).replaced());
                complete = true; // a rebase puts every session written back on
            }
            if (complete && stillOurs()) {
                return; // byte for byte what we wrote: no need to parse it to know our keys are there
            }
            boolean missing = false;
            Optional<IniFile> now = readNow(); // once per round, for every profile written
            for (Map.Entry<String, SessionCredentials> w : written) {
                if (now.isPresent() && !holds(now.get(), w.getKey(), w.getValue())) {
                    missing = true;
                    replaced.add(file.write(w.getKey(), w.getValue()).replaced());
                    complete = false; // the next round reads the file as it is
                }
            }
            if (!missing) {
                return;
            }
        }
    }

    /** Whether the file holds exactly the bytes of our last write (false when it cannot be read now). */
    private boolean stillOurs() {
        byte[] ours = file.lastWritten();
        try {
            // FileBytes gives back the very array it was handed exactly when the file holds those bytes.
            return ours != null && FileBytes.read(file.resolveTarget(), ours) == ours;
        } catch (IOException | CredentialsFileException e) {
            return false;
        }
    }

    /** The file as it is now; empty when it cannot be read now (not ours to fix here; the next renewal reports it). */
    private Optional<IniFile> readNow() {
        try {
            return Optional.of(IniFile.read(file.resolveTarget()));
        } catch (ProfileException | CredentialsFileException e) {
            return Optional.empty();
        }
    }

    private static boolean holds(IniFile now, String profile, SessionCredentials creds) {
        IniFile.Section s = now.section(profile);
        return s != null
                && creds.accessKeyId().equals(s.get("aws_access_key_id"))
                && creds.sessionToken().equals(s.get("aws_session_token"));
    }

    @Override
    public void close() {
        replaced.forEach(ReplacedFile::close);
        replaced.clear();
    }

    /** The pauses {@link #confirm} took, in order. */
    List<Duration> pauses() {
        return List.copyOf(pauses);
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
