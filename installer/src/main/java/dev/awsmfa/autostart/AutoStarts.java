package dev.awsmfa.autostart;

import dev.awsmfa.platform.Os;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Picks the start-at-login mechanism for this OS, the one place that does; empty means unsupported, and the
 * caller hides the feature. Its state is cached ({@link CachedAutoStart}): the tray asks on every refresh.
 */
public final class AutoStarts {

    private record Mechanism(Predicate<Os> supports, Function<Platform, AutoStart> create) {}

    // The availability checks don't overlap, so the order only says which to try first.
    private static final List<Mechanism> MECHANISMS = List.of(
            new Mechanism(XdgAutoStart::isSupported, p -> new XdgAutoStart(p.home(), p.env(), p.launch())),
            new Mechanism(
                    LaunchAgentAutoStart::isSupported,
                    p -> new LaunchAgentAutoStart(p.home(), p.uid(), p.runner(), p.launch())),
            new Mechanism(RunKeyAutoStart::isSupported, p -> new RunKeyAutoStart(p.runner(), p.launch())));

    private AutoStarts() {}

    public static Optional<AutoStart> find(Platform platform) {
        return MECHANISMS.stream()
                .filter(mechanism -> mechanism.supports().test(platform.os()))
                .findFirst()
                .map(mechanism -> new CachedAutoStart(mechanism.create().apply(platform), Clock.systemUTC()));
    }
}
