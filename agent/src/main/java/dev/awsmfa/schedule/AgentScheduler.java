package dev.awsmfa.schedule;

import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plan on Quartz: in memory, one daemon worker, a one-shot trigger per step. Jobs only hand work to the
 * agent; prompts and STS calls run on the agent's own threads. The heartbeat for wake detection runs on a plain
 * scheduled thread: as a Quartz job it cost ~0.8 s of CPU per hour while idle (Quartz's fire machinery, run
 * 120 times an hour, stays interpreted), on its own thread almost nothing.
 */
public final class AgentScheduler implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AgentScheduler.class);

    private static final String STEPS = "steps";

    private final Scheduler scheduler;
    private final ScheduledExecutorService beats;
    private final Map<String, Step> current = new ConcurrentHashMap<>();

    public AgentScheduler(Consumer<Step> onStep, Runnable onHeartbeat, Duration heartbeat) throws SchedulerException {
        StdSchedulerFactory factory = new StdSchedulerFactory(quartzProperties());
        scheduler = factory.getScheduler();
        scheduler.setJobFactory((bundle, s) -> {
            JobKey key = bundle.getJobDetail().getKey();
            return ctx -> {
                Step step = current.get(key.getName());
                if (step != null) {
                    onStep.accept(step);
                }
            };
        });
        scheduler.start();
        beats = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "heartbeat");
            t.setDaemon(true);
            return t;
        });
        // Fixed delay: after a freeze, one late beat, not a burst of missed ones.
        beats.scheduleWithFixedDelay(
                () -> {
                    try {
                        onHeartbeat.run();
                    } catch (RuntimeException e) {
                        // A failed beat must not end the beating (an executor drops a task that throws).
                        log.warn(
                                "heartbeat failed ({}); wake detection continues",
                                e.getClass().getSimpleName());
                    }
                },
                heartbeat.toMillis(),
                heartbeat.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    static Properties quartzProperties() {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", "aws-mfa-agent");
        p.setProperty("org.quartz.scheduler.makeSchedulerThreadDaemon", "true");
        p.setProperty("org.quartz.threadPool.class", OneThreadPool.class.getName());
        p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        p.setProperty("org.quartz.jobStore.misfireThreshold", "1000");
        return p;
    }

    /** Replaces every scheduled step with {@code steps}; a step due in the past fires at once. */
    public synchronized void replan(List<Step> steps) throws SchedulerException {
        for (JobKey key : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(STEPS))) {
            scheduler.deleteJob(key);
        }
        current.clear();
        // Latest first: Quartz's scheduler thread remembers only the last "schedule changed" signal, so the
        // earliest step must be scheduled last, or a step due now may wait for its next look (idleWaitTime, 30 s).
        List<Step> latestFirst = new java.util.ArrayList<>(steps);
        latestFirst.sort(java.util.Comparator.comparing(Step::at).reversed());
        for (Step step : latestFirst) {
            current.put(step.id(), step);
            JobKey key = JobKey.jobKey(step.id(), STEPS);
            JobDetail job = JobBuilder.newJob(org.quartz.Job.class)
                    .withIdentity(key)
                    .storeDurably()
                    .build();
            Trigger trigger = TriggerBuilder.newTrigger()
                    .withIdentity(TriggerKey.triggerKey(step.id(), STEPS))
                    .forJob(key)
                    .startAt(Date.from(step.at()))
                    .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                    .build();
            scheduler.scheduleJob(job, trigger);
        }
    }

    /** The steps now scheduled, for status and tests. */
    public List<Step> scheduled() {
        return List.copyOf(current.values());
    }

    @Override
    public void close() {
        beats.shutdownNow();
        try {
            // Waits for a running job; the agent's own executors finish a write in progress separately.
            scheduler.shutdown(true);
        } catch (SchedulerException e) {
            // shutting down anyway
        }
    }
}
