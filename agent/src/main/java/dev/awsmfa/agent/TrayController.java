package dev.awsmfa.agent;

import dev.awsmfa.autostart.AutoStartException;
import dev.awsmfa.notify.Notice;
import dev.awsmfa.renew.DeviceGroup;
import dev.awsmfa.status.ProfileStatus;
import dev.awsmfa.tray.TrayActions;
import dev.awsmfa.tray.TrayMenus;
import dev.awsmfa.tray.TrayView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The tray's side of the agent: turns the state into the menu, and the user's clicks into renewals. */
final class TrayController implements TrayActions {

    private final Agent.Deps deps;
    private final AgentState state;
    private final RenewalQueue queue;
    /** Re-reads the files, replans and redraws. */
    private final Runnable reload;

    private volatile TrayView view;

    TrayController(Agent.Deps deps, AgentState state, RenewalQueue queue, Runnable reload) {
        this.deps = deps;
        this.state = state;
        this.queue = queue;
        this.reload = reload;
    }

    void attach(TrayView view) {
        this.view = view;
    }

    /** Shows the state as it is now; before the tray is attached, nothing. */
    void update() {
        TrayView shown = view;
        if (shown == null) {
            return;
        }
        Optional<Boolean> startAtLogin = deps.autoStart().map(a -> {
            try {
                return a.isEnabled();
            } catch (AutoStartException e) {
                return false;
            }
        });
        shown.show(TrayMenus.build(
                state.statuses(),
                Set.copyOf(state.renewing()),
                Map.copyOf(state.failures()),
                startAtLogin,
                deps.clock().instant(),
                deps.clock().getZone(),
                this));
    }

    // --- tray actions (called on the tray's executor) ---

    @Override
    public void renew(String profile) {
        state.status(profile)
                .flatMap(ProfileStatus::profile)
                .ifPresentOrElse(p -> queue.enqueue(DeviceGroup.keyOf(p), RenewalQueue.Why.CLICK), this::reload);
    }

    @Override
    public void renewExpiringSoon() {
        List<DeviceGroup.Key> devices = new ArrayList<>();
        for (ProfileStatus s : state.statuses()) {
            if (TrayMenus.needsRenewal(s.state())
                    && s.profile().isPresent()
                    && !devices.contains(DeviceGroup.keyOf(s.profile().get()))) {
                devices.add(DeviceGroup.keyOf(s.profile().get()));
            }
        }
        devices.forEach(d -> queue.enqueue(d, RenewalQueue.Why.CLICK));
    }

    @Override
    public void renewMostUrgent() {
        TrayMenus.mostUrgent(state.statuses()).ifPresent(s -> renew(s.name()));
    }

    @Override
    public void reload() {
        reload.run();
    }

    @Override
    public void openCredentials() {
        deps.openCredentials().run();
    }

    @Override
    public void setStartAtLogin(boolean enabled) {
        deps.autoStart().ifPresent(a -> {
            try {
                if (enabled) {
                    a.enable(true); // the user ticked the box: that is the explicit override
                } else {
                    a.disable();
                }
                // The check box alone is easy to miss (and an SNI panel closes the menu at once): say what changed.
                deps.notifier()
                        .notify(new Notice(
                                Notice.Kind.INFO,
                                "Start at login: " + (enabled ? "on" : "off"),
                                enabled
                                        ? "aws-mfa-agent starts when you log in."
                                        : "aws-mfa-agent no longer starts when you log in."));
            } catch (AutoStartException e) {
                deps.notifier().notify(new Notice(Notice.Kind.FAILED, "Start at login", e.getMessage()));
            }
        });
        update();
    }

    @Override
    public void quit() {
        // The icon just goes away: say that renewals stop with it, and how to get them back.
        deps.notifier()
                .notify(new Notice(
                        Notice.Kind.INFO,
                        "aws-mfa-agent stopped",
                        "MFA sessions are no longer renewed. Start aws-mfa-agent again to resume."));
        deps.quit().run();
    }
}
