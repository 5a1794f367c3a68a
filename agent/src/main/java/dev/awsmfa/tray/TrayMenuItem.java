package dev.awsmfa.tray;

import java.util.List;
import java.util.function.Consumer;

/** The tray menu as an immutable value, rebuilt on every change; only {@link DorkboxTray} knows dorkbox. */
public sealed interface TrayMenuItem {
    record Action(String label, boolean enabled, Runnable onClick) implements TrayMenuItem {}

    record Check(String label, boolean checked, Consumer<Boolean> onToggle) implements TrayMenuItem {}

    record Separator() implements TrayMenuItem {}

    record SubMenu(String label, List<TrayMenuItem> items) implements TrayMenuItem {}
}
