package dev.awsmfa.schedule;

import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
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

/**
 * The plan on Quartz: in memory, one daemon worker, a one-shot trigger per step and a heartbeat for wake
 * detection. Jobs only hand work to the agent; prompts and STS calls run on the agent's own threads.
 */
public final class AgentScheduler implements AutoCloseable {

    private static final String STEPS = "steps";
    private static final JobKey HEARTBEAT = JobKey.jobKey("heartbeat", "agent");

    private final Scheduler scheduler;
    private final Map<String, Step> current = new ConcurrentHashMap<>();

    public AgentScheduler(Consumer<Step> onStep, Runnable onHeartbeat, Duration heartbeat) throws SchedulerException {
        StdSchedulerFactory factory = new StdSchedulerFactory(quartzProperties());
        scheduler = factory.getScheduler();
        scheduler.setJobFactory((bundle, s) -> {
            JobKey key = bundle.getJobDetail().getKey();
            if (key.equals(HEARTBEAT)) {
                return ctx -> onHeartbeat.run();
            }
            return ctx -> {
                Step step = current.get(key.getName());
                if (step != null) {
                    onStep.accept(step);
                }
            };
        });
        JobDetail beat = JobBuilder.newJob(org.quartz.Job.class).withIdentity(HEARTBEAT).storeDurably().build();
        scheduler.scheduleJob(beat, TriggerBuilder.newTrigger().forJob(HEARTBEAT)
                .startAt(new Date(System.currentTimeMillis() + heartbeat.toMillis()))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                        .withIntervalInMilliseconds(heartbeat.toMillis()).repeatForever()
                        // After a freeze: one late beat, not a burst of missed ones.
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build());
        scheduler.start();
    }

    static Properties quartzProperties() {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", "aws-mfa-agent");
        p.setProperty("org.quartz.scheduler.makeSchedulerThreadDaemon", "true");
        p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        p.setProperty("org.quartz.threadPool.threadCount", "1");
        p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
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
        // earliest step must be scheduled last, or a step due now may wait until the next heartbeat.
        List<Step> latestFirst = new java.util.ArrayList<>(steps);
        latestFirst.sort(java.util.Comparator.comparing(Step::at).reversed());
        for (Step step : latestFirst) {
            current.put(step.id(), step);
            JobKey key = JobKey.jobKey(step.id(), STEPS);
            JobDetail job = JobBuilder.newJob(org.quartz.Job.class).withIdentity(key).storeDurably().build();
            Trigger trigger = TriggerBuilder.newTrigger().withIdentity(TriggerKey.triggerKey(step.id(), STEPS)).forJob(key)
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
        try {
            // Waits for a running job; the agent's own executors finish a write in progress separately.
            scheduler.shutdown(true);
        } catch (SchedulerException e) {
            // shutting down anyway
        }
    }
}
