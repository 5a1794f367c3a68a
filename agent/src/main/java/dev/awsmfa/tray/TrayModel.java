package dev.awsmfa.tray;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the tray shows, as an immutable value rebuilt on every change.
 *
 * @param icon        which of the four icons to show
 * @param tooltip     at most {@value #MAX_TOOLTIP} characters (dorkbox throws beyond that)
 * @param items       the menu, top to bottom
 * @param onIconClick what a click on the icon itself does, where the tray type reports such a click
 */
public record TrayModel(IconState icon, String tooltip, List<TrayMenuItem> items, Optional<Runnable> onIconClick) {

    /** dorkbox's {@code setTooltip} throws for longer texts. */
    public static final int MAX_TOOLTIP = 64;

    public TrayModel {
        Objects.requireNonNull(icon, "icon");
        Objects.requireNonNull(tooltip, "tooltip");
        Objects.requireNonNull(onIconClick, "onIconClick");
        if (tooltip.length() > MAX_TOOLTIP) {
            throw new IllegalArgumentException("tooltip longer than " + MAX_TOOLTIP + " characters: " + tooltip);
        }
        items = List.copyOf(items);
    }

    public TrayModel(IconState icon, String tooltip, List<TrayMenuItem> items) {
        this(icon, tooltip, items, Optional.empty());
    }
}
