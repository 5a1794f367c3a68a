package dev.awsmfa.notify;

import dev.awsmfa.platform.ProcessResult;
import dev.awsmfa.platform.ProcessRunner;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Linux and BSD desktops: a freedesktop notification (org.freedesktop.Notifications.Notify on the session
 * bus), sent by gdbus, or by notify-send where gdbus is missing. Both ship with every GTK desktop.
 *
 * <p>A notice with an action ("Renew now") goes through {@code notify-send --action} (libnotify 0.7.9+) on a
 * thread of its own: servers send ActionInvoked only to the connection that sent the notification, so the
 * sender must stay and listen, which gdbus call cannot. Where that fails the notice goes without its action.
 */
public final class DbusNotifier implements Notifier {
    private static final Logger LOG = LoggerFactory.getLogger(DbusNotifier.class);

    static final String APP_NAME = "aws-mfa-agent";
    static final Duration HELPER_TIMEOUT = Duration.ofSeconds(5);
    static final int EXPIRE_MILLIS = 5000;
    /** How long a notice with an action stays (and its notify-send waits for the answer). */
    static final Duration ACTION_WAIT = Duration.ofMinutes(30);
    /** The action keys: "default" is a click on the notification itself (servers without buttons). */
    private static final List<String> ACTION_KEYS = List.of("default", "act");

    private final ProcessRunner runner;
    private final boolean gdbus;

    private DbusNotifier(ProcessRunner runner, boolean gdbus) {
        this.runner = runner;
        this.gdbus = gdbus;
    }

    public static DbusNotifier viaGdbus(ProcessRunner runner) {
        return new DbusNotifier(runner, true);
    }

    public static DbusNotifier viaNotifySend(ProcessRunner runner) {
        return new DbusNotifier(runner, false);
    }

    @Override
    public void notify(Notice notice) {
        if (notice.action().isPresent()) {
            Thread t = new Thread(() -> notifyWithAction(notice), "notification-action");
            t.setDaemon(true);
            t.start();
            return;
        }
        send(notice);
    }

    private void notifyWithAction(Notice notice) {
        List<String> argv = actionArgv(notice);
        try {
            ProcessResult result = runner.run(argv, ACTION_WAIT);
            if (result.exitCode() == 0) {
                if (ACTION_KEYS.contains(result.lastLine())) {
                    LOG.info(
                            "'{}' chosen on the notification '{}'",
                            notice.action().get().label(),
                            notice.title());
                    notice.action().get().run().run();
                }
                return;
            }
            LOG.info(
                    "notify-send cannot offer '{}' here (exit code {}): {}; notifying without it",
                    notice.action().get().label(),
                    result.exitCode(),
                    result.errorLine());
        } catch (ProcessRunner.TimedOut e) {
            return; // shown, never answered
        } catch (IOException e) {
            LOG.info("notify-send cannot offer actions ({}); notifying without them", e.getMessage());
        }
        send(notice);
    }

    /** notify-send waiting for the answer; it prints the chosen action's key. */
    List<String> actionArgv(Notice notice) {
        String label = plain(notice.action().orElseThrow().label());
        List<String> argv = new ArrayList<>(List.of(
                "notify-send",
                "--app-name=" + APP_NAME,
                "--urgency=" + (urgent(notice.kind()) ? "critical" : "normal"),
                "--expire-time=" + ACTION_WAIT.toMillis(),
                "--icon=" + icon(notice.kind())));
        ACTION_KEYS.forEach(key -> argv.add("--action=" + key + "=" + label));
        argv.addAll(List.of("--", plain(notice.title()), markupEscaped(plain(notice.body()))));
        return argv;
    }

    private void send(Notice notice) {
        List<String> argv = argv(notice);
        try {
            ProcessResult result = runner.run(argv, HELPER_TIMEOUT);
            if (result.exitCode() != 0) {
                LOG.warn(
                        "Could not show the notification '{}' with {} (exit code {}): {}",
                        notice.title(),
                        argv.get(0),
                        result.exitCode(),
                        result.errorLine());
            }
        } catch (IOException e) {
            LOG.warn("Could not show the notification '{}' with {}: {}", notice.title(), argv.get(0), e.getMessage());
        }
    }

    List<String> argv(Notice notice) {
        String title = plain(notice.title());
        // the body may be rendered as markup (dunst, GNOME Shell): escape it to show as typed
        String body = markupEscaped(plain(notice.body()));
        int urgency = urgent(notice.kind()) ? 2 : 1;
        if (gdbus) {
            // Typed literals (uint32, @as, int32): without introspection (no server yet) gdbus would guess int32 for 0.
            return List.of(
                    "gdbus",
                    "call",
                    "--session",
                    "--dest",
                    "org.freedesktop.Notifications",
                    "--object-path",
                    "/org/freedesktop/Notifications",
                    "--method",
                    "org.freedesktop.Notifications.Notify",
                    gvariantString(APP_NAME),
                    "uint32 0",
                    gvariantString(icon(notice.kind())),
                    gvariantString(title),
                    gvariantString(body),
                    "@as []",
                    "{'urgency': <byte " + urgency + ">}",
                    "int32 " + EXPIRE_MILLIS);
        }
        return List.of(
                "notify-send",
                "--app-name=" + APP_NAME,
                "--urgency=" + (urgency == 2 ? "critical" : "normal"),
                "--expire-time=" + EXPIRE_MILLIS,
                "--icon=" + icon(notice.kind()),
                "--",
                title,
                body);
    }

    static boolean urgent(Notice.Kind kind) {
        return kind == Notice.Kind.FAILED || kind == Notice.Kind.EXPIRED;
    }

    static String icon(Notice.Kind kind) {
        return switch (kind) {
            case FAILED, EXPIRED -> "dialog-error";
            case EXPIRING -> "dialog-warning";
            case WAITING_FOR_KEY -> "dialog-password";
            case RENEWED, INFO -> "dialog-information";
        };
    }

    /**
     * A GVariant text-format string literal (what gdbus call parses): single quotes, with backslash and quote
     * escaped and line breaks written as escapes; other characters, non-ASCII included, as they are.
     */
    static String gvariantString(String text) {
        StringBuilder literal = new StringBuilder(text.length() + 2).append('\'');
        text.codePoints().forEach(c -> {
            switch (c) {
                case '\'' -> literal.append("\\'");
                case '\\' -> literal.append("\\\\");
                case '\n' -> literal.append("\\n");
                case '\t' -> literal.append("\\t");
                default -> literal.appendCodePoint(c);
            }
        });
        return literal.append('\'').toString();
    }

    static String markupEscaped(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Control characters other than line breaks and tabs mean nothing in a notification; NUL cannot pass argv. */
    static String plain(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints()
                .forEach(c -> out.appendCodePoint(Character.isISOControl(c) && c != '\n' && c != '\t' ? ' ' : c));
        return out.toString();
    }
}
