package dev.awsmfa.tray;

import java.util.ArrayList;
import java.util.List;

/** A {@link TrayActions} that only writes down each call, e.g. "renew dev", "setStartAtLogin true". */
final class RecordingActions implements TrayActions {
    final List<String> calls = new ArrayList<>();

    @Override
    public void renew(String profile) {
        calls.add("renew " + profile);
    }

    @Override
    public void renewExpiringSoon() {
        calls.add("renewExpiringSoon");
    }

    @Override
    public void renewMostUrgent() {
        calls.add("renewMostUrgent");
    }

    @Override
    public void reload() {
        calls.add("reload");
    }

    @Override
    public void openCredentials() {
        calls.add("openCredentials");
    }

    @Override
    public void setStartAtLogin(boolean enabled) {
        calls.add("setStartAtLogin " + enabled);
    }

    @Override
    public void quit() {
        calls.add("quit");
    }
}
