package dev.awsmfa.tray;

import dorkbox.systemTray.Checkbox;
import dorkbox.systemTray.Entry;
import dorkbox.systemTray.Menu;
import dorkbox.systemTray.MenuItem;
import dorkbox.systemTray.Separator;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Keeps a dorkbox {@link Menu} equal to a list of {@link TrayMenuItem}s. When the new list has the same
 * shape (same kinds in the same places) it updates texts, enablement and handlers in place, so an open
 * menu does not flicker on the minute-by-minute label updates; otherwise it rebuilds the menu.
 * Each dorkbox callback only hands the current handler to {@code dispatch}.
 */
final class MenuBinder {
    private final Menu menu;
    private final Consumer<Runnable> dispatch;
    private final UnaryOperator<String> text;
    private final List<Slot> slots = new ArrayList<>();

    /** @param text turns a label into the text dorkbox is given (see {@link DorkboxStart#labelsFor}) */
    MenuBinder(Menu menu, Consumer<Runnable> dispatch, UnaryOperator<String> text) {
        this.menu = menu;
        this.dispatch = dispatch;
        this.text = text;
    }

    /** Not thread-safe: call from one thread at a time. */
    void show(List<TrayMenuItem> items) {
        reconcile(menu, slots, items);
    }

    /** One shown entry and the handlers its dorkbox callback reads, so a new model needs no new callback. */
    private static final class Slot {
        final Class<?> kind;
        final Entry entry;
        final List<Slot> children = new ArrayList<>();
        volatile Runnable onClick;
        volatile Consumer<Boolean> onToggle;
        /** The checkbox state last shown or reported: GTK calls a checkbox back twice per click. */
        volatile boolean checked;

        Slot(Class<?> kind, Entry entry) {
            this.kind = kind;
            this.entry = entry;
        }
    }

    private void reconcile(Menu parent, List<Slot> shown, List<TrayMenuItem> items) {
        if (sameShape(shown, items)) {
            for (int i = 0; i < items.size(); i++) {
                update(shown.get(i), items.get(i));
            }
            return;
        }
        for (Slot s : shown) {
            parent.remove(s.entry);
        }
        shown.clear();
        for (TrayMenuItem item : items) {
            shown.add(add(parent, item));
        }
    }

    private static boolean sameShape(List<Slot> shown, List<TrayMenuItem> items) {
        if (shown.size() != items.size()) {
            return false;
        }
        for (int i = 0; i < items.size(); i++) {
            Slot s = shown.get(i);
            TrayMenuItem item = items.get(i);
            if (s.kind != item.getClass()) {
                return false;
            }
            if (item instanceof TrayMenuItem.SubMenu sub && !sameShape(s.children, sub.items())) {
                return false;
            }
        }
        return true;
    }

    private void update(Slot slot, TrayMenuItem item) {
        if (item instanceof TrayMenuItem.Action a) {
            MenuItem mi = (MenuItem) slot.entry;
            slot.onClick = a.onClick();
            if (!text.apply(a.label()).equals(mi.getText())) {
                mi.setText(text.apply(a.label()));
            }
            if (a.enabled() != mi.getEnabled()) {
                mi.setEnabled(a.enabled());
            }
        } else if (item instanceof TrayMenuItem.Check c) {
            Checkbox cb = (Checkbox) slot.entry;
            slot.onToggle = c.onToggle();
            slot.checked = c.checked();
            if (!text.apply(c.label()).equals(cb.getText())) {
                cb.setText(text.apply(c.label()));
            }
            if (c.checked() != cb.getChecked()) {
                cb.setChecked(c.checked());
            }
        } else if (item instanceof TrayMenuItem.SubMenu sub) {
            Menu m = (Menu) slot.entry;
            if (!text.apply(sub.label()).equals(m.getText())) {
                m.setText(text.apply(sub.label()));
            }
            for (int i = 0; i < sub.items().size(); i++) {
                update(slot.children.get(i), sub.items().get(i));
            }
        }
    }

    private Slot add(Menu parent, TrayMenuItem item) {
        if (item instanceof TrayMenuItem.Action a) {
            MenuItem mi = new MenuItem(text.apply(a.label()));
            Slot slot = new Slot(item.getClass(), mi);
            slot.onClick = a.onClick();
            mi.setEnabled(a.enabled());
            mi.setCallback(e -> dispatch.accept(slot.onClick));
            parent.add(mi);
            return slot;
        }
        if (item instanceof TrayMenuItem.Check c) {
            Checkbox cb = new Checkbox(text.apply(c.label()));
            Slot slot = new Slot(item.getClass(), cb);
            slot.onToggle = c.onToggle();
            slot.checked = c.checked();
            cb.setChecked(c.checked());
            cb.setCallback(e -> {
                boolean on = cb.getChecked(); // dorkbox flips it before calling back
                if (on == slot.checked) {
                    return; // the second call of one click (Gtk), or no change
                }
                slot.checked = on;
                Consumer<Boolean> handler = slot.onToggle;
                dispatch.accept(() -> handler.accept(on));
            });
            parent.add(cb);
            return slot;
        }
        if (item instanceof TrayMenuItem.SubMenu sub) {
            Menu m = new Menu(text.apply(sub.label()));
            Slot slot = new Slot(item.getClass(), m);
            parent.add(m);
            for (TrayMenuItem child : sub.items()) {
                slot.children.add(add(m, child));
            }
            return slot;
        }
        Separator sep = new Separator();
        parent.add(sep);
        return new Slot(item.getClass(), sep);
    }
}
