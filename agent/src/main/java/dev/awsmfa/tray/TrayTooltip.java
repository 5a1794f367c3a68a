package dev.awsmfa.tray;

import dev.awsmfa.status.ProfileStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The icon's tooltip: every profile counted by its worst news, cut to fit the length the OS shows. */
final class TrayTooltip {

    private TrayTooltip() {}

    private enum Group {
        RENEWING("renewing", false),
        FAILED("failed", false),
        BROKEN("setup error", false),
        EXPIRED("expired", false),
        NEVER("never renewed", false),
        UNKNOWN("expiry unknown", false),
        EXPIRING("expiring", true),
        FRESH("fresh", true);

        final String word;
        final boolean showsTimeLeft;

        Group(String word, boolean showsTimeLeft) {
            this.word = word;
            this.showsTimeLeft = showsTimeLeft;
        }
    }

    private static Group groupOf(ProfileStatus s, Set<String> renewing, Map<String, String> lastFailure) {
        if (renewing.contains(s.name())) {
            return Group.RENEWING;
        }
        if (lastFailure.containsKey(s.name())) {
            return Group.FAILED;
        }
        return switch (s.state()) {
            case BROKEN -> Group.BROKEN;
            case EXPIRED -> Group.EXPIRED;
            case EXPIRING -> Group.EXPIRING;
            case NEVER_RENEWED -> Group.NEVER;
            case UNKNOWN_EXPIRY -> Group.UNKNOWN;
            case FRESH -> Group.FRESH;
        };
    }

    private static final int MAX_NAME_IN_TOOLTIP = 16;

    /**
     * At most {@value TrayModel#MAX_TOOLTIP} characters, worst news first, e.g.
     * "aws-mfa-agent: 1 expiring (dev 8 m), 3 fresh".
     */
    static String of(List<ProfileStatus> statuses, Set<String> renewing, Map<String, String> lastFailure, Instant now) {
        String prefix = TrayMenus.APP + ": ";
        if (statuses.isEmpty()) {
            return prefix + "no MFA profiles yet";
        }
        Map<Group, List<ProfileStatus>> groups = new EnumMap<>(Group.class);
        for (ProfileStatus s : statuses) {
            groups.computeIfAbsent(groupOf(s, renewing, lastFailure), g -> new ArrayList<>())
                    .add(s);
        }
        List<String> parts = new ArrayList<>();
        boolean first = true;
        for (Map.Entry<Group, List<ProfileStatus>> e : groups.entrySet()) {
            Group g = e.getKey();
            String part = e.getValue().size() + " " + g.word;
            if (first) {
                ProfileStatus who = e.getValue().stream().min(TrayMenus.URGENCY).orElseThrow();
                String name = TrayText.shorten(who.name(), MAX_NAME_IN_TOOLTIP);
                String time = g.showsTimeLeft
                        ? who.expiration()
                                .map(x -> " " + TrayText.left(Duration.between(now, x)))
                                .orElse("")
                        : "";
                part += " (" + name + time + ")";
                first = false;
            }
            parts.add(part);
        }
        String full = prefix + String.join(", ", parts);
        if (full.length() <= TrayModel.MAX_TOOLTIP) {
            return full;
        }
        // Keep whole parts, worst first, and mark what was left out.
        StringBuilder b = new StringBuilder(prefix);
        String more = ", …";
        for (int i = 0; i < parts.size(); i++) {
            String sep = i == 0 ? "" : ", ";
            boolean last = i == parts.size() - 1;
            int reserve = last ? 0 : more.length();
            if (b.length() + sep.length() + parts.get(i).length() + reserve > TrayModel.MAX_TOOLTIP) {
                if (i == 0) {
                    return TrayText.shorten(b + parts.get(0), TrayModel.MAX_TOOLTIP);
                }
                return b + more;
            }
            b.append(sep).append(parts.get(i));
        }
        return b.toString();
    }
}
