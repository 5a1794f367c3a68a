package dev.awsmfa.tray;

import dev.awsmfa.status.ProfileStatus;
import dev.awsmfa.status.ProfileStatus.State;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The child JVM of {@link DorkboxTraySmokeTest}: opens a real tray (type from AWS_MFA_AGENT_TRAY_TYPE),
 * shows two profiles and reports on stdout, one line per event: "OPENED ms type size updates=...",
 * "READY", then each action it receives ("renew dev"). Commands on stdin: "close", "balloon", "exit".
 */
public final class TraySmokeMain {

    private TraySmokeMain() {}

    /** The two profiles' names; -Dtray.smoke.names=a_b,c to try others. */
    private static final String[] NAMES =
            System.getProperty("tray.smoke.names", "dev,prod").split(",");

    private static volatile DorkboxTray tray;
    private static volatile Set<String> renewing = Set.of();

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        say("START " + System.currentTimeMillis());
        Optional<DorkboxTray> opened = DorkboxTray.open(
                "aws-mfa-agent-smoke", Duration.ofSeconds(20), System.getenv(DorkboxTray.TRAY_TYPE_ENV));
        if (opened.isEmpty()) {
            say("NO_TRAY");
            System.exit(3);
        }
        tray = opened.get();
        long openMs = (System.nanoTime() - start) / 1_000_000;
        say("OPENED " + openMs + " type=" + tray.type() + " size=" + tray.iconSize() + " updates="
                + dorkbox.updates.Updates.INSTANCE.getENABLE());
        showModel();
        say("READY " + System.currentTimeMillis());

        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            switch (line.strip()) {
                case "close" -> {
                    tray.close();
                    say("CLOSED");
                }
                case "balloon" -> say("BALLOON " + tray.balloon("aws-mfa-agent", "dev expires in 8 m", false));
                case "exit" -> System.exit(0);
                default -> say("UNKNOWN " + line);
            }
        }
        System.exit(0);
    }

    private static void showModel() {
        Instant now = Instant.now();
        List<ProfileStatus> statuses = List.of(
                new ProfileStatus(
                        NAMES[0],
                        Optional.empty(),
                        Optional.empty(),
                        State.EXPIRING,
                        Optional.of(now.plus(Duration.ofMinutes(8).plusSeconds(30))),
                        Duration.ofMinutes(15)),
                new ProfileStatus(
                        NAMES[1],
                        Optional.empty(),
                        Optional.empty(),
                        State.FRESH,
                        Optional.of(now.plus(Duration.ofMinutes(192).plusSeconds(30))),
                        Duration.ofMinutes(15)));
        tray.show(TrayMenus.build(
                statuses, renewing, Map.of(), Optional.of(false), now, ZoneId.systemDefault(), new Printing()));
    }

    private static synchronized void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    /** Prints each action; a renewal also turns the icon to RENEWING so the test can see the image change. */
    private static final class Printing implements TrayActions {
        @Override
        public void renew(String profile) {
            say("renew " + profile);
            renewing = Set.of(profile);
            showModel();
        }

        @Override
        public void renewExpiringSoon() {
            say("renewExpiringSoon");
        }

        @Override
        public void renewMostUrgent() {
            say("renewMostUrgent");
        }

        @Override
        public void reload() {
            say("reload");
        }

        @Override
        public void openCredentials() {
            say("openCredentials");
        }

        @Override
        public void setStartAtLogin(boolean enabled) {
            say("setStartAtLogin " + enabled);
        }

        @Override
        public void quit() {
            say("quit");
        }
    }
}
