package dev.awsmfa.cli;

import dev.awsmfa.agent.Agent;
import dev.awsmfa.agent.AgentLog;
import dev.awsmfa.agent.FileOpener;
import dev.awsmfa.agent.FirstRunOffer;
import dev.awsmfa.agent.Settings;
import dev.awsmfa.agent.SingleInstance;
import dev.awsmfa.autostart.AutoStart;
import dev.awsmfa.autostart.LaunchCommand;
import dev.awsmfa.launch.ClassArchive;
import dev.awsmfa.launch.TunedStart;
import dev.awsmfa.notify.Notice;
import dev.awsmfa.notify.Notifier;
import dev.awsmfa.notify.NotifierChooser;
import dev.awsmfa.notify.TrayBalloonNotifier;
import dev.awsmfa.platform.AppDirs;
import dev.awsmfa.profile.ManagedProfile;
import dev.awsmfa.prompt.CodePrompt;
import dev.awsmfa.prompt.PromptChooser;
import dev.awsmfa.prompt.PromptException;
import dev.awsmfa.prompt.YubiKeyPrompt;
import dev.awsmfa.renew.Renewer;
import dev.awsmfa.settings.SettingReport;
import dev.awsmfa.sts.StsSessions;
import dev.awsmfa.tray.DorkboxTray;
import dev.awsmfa.tray.TrayAdvice;
import dev.awsmfa.tray.TrayChoice;
import dev.awsmfa.tray.TrayHosts;
import dev.awsmfa.tray.TrayView;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

final class RunCommand implements Callable<Integer> {

    static final Duration TRAY_TIMEOUT = Duration.ofSeconds(15);
    static final Duration HEARTBEAT = Duration.ofSeconds(30);
    /** The class archive is made when start-up is over, so the icon is not slowed down by it. */
    static final Duration ARCHIVE_DELAY = Duration.ofSeconds(10);

    static final String HELP = """
            Usage: aws-mfa-agent [run]
            Start the tray agent (the default when no command is given).
            """;

    private final Context context;

    RunCommand(Context context) {
        this.context = context;
    }

    static RunCommand parse(Context context, Args args) throws Args.UsageException {
        args.done();
        return new RunCommand(context);
    }

    @Override
    public Integer call() throws Exception {
        if (!hasDisplay()) {
            context.err()
                    .println("aws-mfa-agent: no display to show a tray icon on (DISPLAY is not set); "
                            + "in a terminal use aws-mfa-agent renew -p PROFILE and aws-mfa-agent status");
            return ExitCode.NO_DISPLAY;
        }
        AppDirs dirs = context.dirs();
        Optional<SingleInstance> instance = SingleInstance.acquire(dirs.state());
        if (instance.isEmpty()) {
            context.out()
                    .println("aws-mfa-agent is already running"
                            + SingleInstance.running(dirs.state())
                                    .map(pid -> " (pid " + pid + ")")
                                    .orElse("") + ".");
            return ExitCode.OK;
        }
        Path logFile = AgentLog.start(dirs.logs());
        Logger log = LoggerFactory.getLogger(RunCommand.class);
        Settings settings = Settings.load(dirs.settings(), context.env());
        log.info("starting; log {}", logFile);

        TrayChoice choice =
                TrayChoice.choose(context.os(), settings.trayType(), () -> new TrayHosts(context.runner()).probe());
        log.info("tray: {}", choice.describe());
        Optional<DorkboxTray> tray;
        try {
            tray = choice.type().isEmpty()
                    ? Optional.empty()
                    : DorkboxTray.open(
                            "aws-mfa-agent", TRAY_TIMEOUT, choice.type().get());
        } catch (IllegalArgumentException e) {
            context.err()
                    .println("aws-mfa-agent: " + e.getMessage() + " (setting tray_type / AWS_MFA_AGENT_TRAY_TYPE)");
            return ExitCode.USAGE;
        }
        choice.save(dirs.state(), tray.map(DorkboxTray::type));
        NotifierChooser.Choice notices = NotifierChooser.current(context.os())
                .choose(tray.filter(DorkboxTray::supportsBalloon).<TrayBalloonNotifier.Balloon>map(t -> t::balloon));
        log.info(
                "tray type {}, notifications via {}",
                tray.map(DorkboxTray::type).orElse("none"),
                notices.mechanism());
        Notifier notifier = notices.notifier();
        new SettingReport(notifier).report(settings.problems());
        if (tray.isEmpty()) {
            // No icon: everything else still works (plans, prompts, notifications); say so once, with what to install.
            String advice = TrayAdvice.forThisSystem().noTray(choice);
            log.warn("no tray icon ({}); {}", choice.reason(), advice);
            context.err().println("aws-mfa-agent: no tray icon (" + choice.reason() + "). " + advice);
            notifier.notify(new Notice(Notice.Kind.INFO, "aws-mfa-agent runs without a tray icon", advice));
        }
        TrayView view = tray.<TrayView>map(t -> t).orElse(TrayView.NONE);
        PromptChooser prompts = PromptChooser.current(context.os());
        Optional<AutoStart> autoStart = context.autoStart();
        CountDownLatch quit = new CountDownLatch(1);
        Agent agent = new Agent(new Agent.Deps(
                context.files(),
                context.env(),
                context.clock(),
                settings.lead(),
                new Renewer(new StsSessions(context.timeouts())),
                group -> choosePrompt(prompts, group, settings, notifier, log),
                notifier,
                autoStart,
                () -> FileOpener.open(
                        context.runner(), context.os(), context.files().credentials()),
                quit::countDown));
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            // Quit or SIGTERM: a write in progress completes, the icon goes away.
                            agent.stop();
                            view.close();
                            log.info("stopped");
                        },
                        "shutdown"));
        agent.start(view, HEARTBEAT);
        context.out()
                .println("aws-mfa-agent is running" + (tray.isPresent() ? " in the tray" : "") + "; log: " + logFile);
        if (agent.statuses().isEmpty()) {
            context.out()
                    .println("No MFA profiles found yet: add source_profile and mfa_serial to a profile in "
                            + context.files().config() + " (see the README); the agent picks it up by itself.");
        }
        if (Boolean.getBoolean(ClassArchive.MAKE_PROPERTY)) {
            // Started by a plain `java -jar` whose jar has no class archive yet: make it for the next start.
            LaunchCommand.jarOf(Main.class)
                    .ifPresent(jar -> new ClassArchive(dirs)
                            .makeLater(
                                    ClassArchive.dumper(context.runner()),
                                    TunedStart.java(System.getProperty("java.home"), context.os()),
                                    jar,
                                    ARCHIVE_DELAY,
                                    log::info));
        }
        // Asked only while no code prompt is open or due: keys typed for a code never answer it.
        autoStart.ifPresent(
                a -> agent.whenNoPrompt(() -> FirstRunOffer.offerOnce(dirs.state(), a, AutostartQuestion::ask)));
        quit.await();
        System.exit(ExitCode.OK);
        return ExitCode.OK;
    }

    private static Optional<CodePrompt> choosePrompt(
            PromptChooser prompts, List<ManagedProfile> group, Settings settings, Notifier notifier, Logger log) {
        try {
            Optional<String> process =
                    group.stream().flatMap(p -> p.mfaProcess().stream()).findFirst();
            PromptChooser.Choice choice = prompts.forProfile(Optional.empty(), process, settings.prompt());
            log.info("asking with {}: {}", choice.driver(), choice.reason());
            if (process.isPresent() && YubiKeyPrompt.isYkman(process.get())) {
                String names = String.join(
                        ", ", group.stream().map(ManagedProfile::name).toList());
                return choice.prompt()
                        .map(p -> new YubiKeyPrompt(
                                p,
                                () -> notifier.notify(new Notice(
                                        Notice.Kind.WAITING_FOR_KEY,
                                        "Touch your YubiKey",
                                        "aws-mfa-agent needs a code for " + names + "; touch the key if it blinks."))));
            }
            return choice.prompt();
        } catch (PromptException e) {
            log.warn("no prompt: {}", e.getMessage());
            return Optional.empty();
        }
    }

    private boolean hasDisplay() {
        if (context.os().isMac() || context.os().isWindows()) {
            return !java.awt.GraphicsEnvironment.isHeadless();
        }
        return notBlank(context.env().get("DISPLAY")) || notBlank(context.env().get("WAYLAND_DISPLAY"));
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
