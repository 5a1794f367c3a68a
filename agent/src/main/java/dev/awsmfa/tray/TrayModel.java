package dev.awsmfa.tray;

import java.util.List;

/** Everything the tray shows. {@code tooltip} is at most 64 characters (dorkbox throws beyond that). */
public record TrayModel(IconState icon, String tooltip, List<TrayMenuItem> items) {}
