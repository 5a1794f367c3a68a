package dev.awsmfa.tray;

/** A shown tray icon: takes a new model whenever state changes, and goes away on close. */
public interface TrayView extends AutoCloseable {
    void show(TrayModel model);

    @Override
    void close();
}
