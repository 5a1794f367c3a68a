package dev.awsmfa.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awsmfa.profile.ManagedProfile.DeviceKey;
import dev.awsmfa.renew.DeviceGroup;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** The plan on a real Quartz scheduler. */
class AgentSchedulerTest {

    @RepeatedTest(5)
    @DisplayName("a step due now fires at once even when later steps are scheduled with it")
    void dueStepFiresAtOnce() throws Exception {
        List<String> fired = new CopyOnWriteArrayList<>();
        try (AgentScheduler scheduler =
                new AgentScheduler(s -> fired.add(s.profiles().get(0)), () -> {}, Duration.ofSeconds(20))) {
            // As in the agent: the scheduler thread is idle and sleeps until its next look (idleWaitTime).
            Thread quartz = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals("aws-mfa-agent_QuartzSchedulerThread"))
                    .findFirst()
                    .orElseThrow();
            for (int i = 0; i < 100 && quartz.getState() != Thread.State.TIMED_WAITING; i++) {
                Thread.sleep(20);
            }
            assertEquals(Thread.State.TIMED_WAITING, quartz.getState(), "the scheduler thread is idle");
            Instant now = Instant.now();
            DeviceGroup.Key a =
                    new DeviceGroup.Key(new DeviceKey("AKIAA", "arn:aws:iam::123456789012:mfa/a"), Optional.empty());
            DeviceGroup.Key b =
                    new DeviceGroup.Key(new DeviceKey("AKIAB", "arn:aws:iam::123456789012:mfa/b"), Optional.empty());
            scheduler.replan(List.of(
                    new Step(now, Step.Kind.PROMPT, a, List.of("due-now"), now.plusSeconds(60)),
                    new Step(now.plusSeconds(3600), Step.Kind.PROMPT, b, List.of("later"), now.plusSeconds(7200))));
            for (int i = 0; i < 50 && fired.isEmpty(); i++) {
                Thread.sleep(100);
            }
            assertEquals(List.of("due-now"), fired, "fired within 5 s, not at the scheduler's next look");
            assertTrue(scheduler.scheduled().size() == 2);
        }
    }

    @Test
    @DisplayName("the heartbeat keeps beating after a beat that throws")
    void heartbeatSurvivesAFailedBeat() throws Exception {
        AtomicInteger beats = new AtomicInteger();
        java.util.concurrent.atomic.AtomicReference<Thread> beating =
                new java.util.concurrent.atomic.AtomicReference<>();
        try (AgentScheduler scheduler = new AgentScheduler(
                s -> {},
                () -> {
                    beating.set(Thread.currentThread());
                    if (beats.incrementAndGet() == 1) {
                        throw new IllegalStateException("first beat fails");
                    }
                },
                Duration.ofMillis(50))) {
            for (int i = 0; i < 100 && beats.get() < 4; i++) {
                Thread.sleep(50);
            }
            assertTrue(beats.get() >= 4, "beats after a failure: " + beats.get());
        }
        // No beat can come once the thread that beats has ended.
        beating.get().join(5000);
        assertTrue(!beating.get().isAlive(), "the heartbeat thread ended with the scheduler");
    }

    @Test
    @DisplayName("while idle, Quartz's worker sleeps until there is work (no polling), and ends on close")
    void idleWorkerDoesNotPoll() throws Exception {
        Thread worker;
        try (AgentScheduler scheduler = new AgentScheduler(s -> {}, () -> {}, Duration.ofHours(1))) {
            worker = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals("aws-mfa-agent_Worker-1"))
                    .findFirst()
                    .orElseThrow();
            for (int i = 0; i < 40 && worker.getState() != Thread.State.WAITING; i++) {
                Thread.sleep(50);
            }
            // Quartz's SimpleThreadPool would be TIMED_WAITING here: it wakes every 500 ms.
            assertEquals(Thread.State.WAITING, worker.getState());
        }
        worker.join(5000);
        assertTrue(!worker.isAlive(), "worker ended with the scheduler");
    }
}
