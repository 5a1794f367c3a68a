package dev.awsmfa.tray;

/** A shown tray icon: takes a new model whenever state changes, and goes away on close. */
public interface TrayView extends AutoCloseable {
    /** No icon (no tray host): the agent still plans, prompts and notifies. */
    TrayView NONE = new TrayView() {
        @Override
        public void show(TrayModel model) {}

        @Override
        public void close() {}
    };

    void show(TrayModel model);

    @Override
    void close();
}
