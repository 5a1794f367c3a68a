package dev.awsmfa.schedule;

import org.quartz.spi.ThreadPool;

/**
 * Quartz's thread pool for the agent: one daemon worker that sleeps until it has a job. Quartz's own
 * SimpleThreadPool wakes every worker twice a second to look for work (0.7 s of CPU per idle hour here, most of
 * the agent's idle cost; docs/BENCHMARKS.md). Quartz creates it by name (org.quartz.threadPool.class).
 */
public final class OneThreadPool implements ThreadPool {

    private Thread worker;
    private Runnable next;
    private boolean busy;
    private boolean shutdown;
    private String name = "aws-mfa-agent";

    @Override
    public synchronized void initialize() {
        worker = new Thread(this::work, name + "_Worker-1");
        worker.setDaemon(true);
        worker.start();
    }

    private void work() {
        while (true) {
            Runnable job;
            synchronized (this) {
                while (next == null && !shutdown) {
                    waitQuietly();
                }
                if (next == null) {
                    return;
                }
                job = next;
                next = null;
            }
            try {
                job.run();
            } catch (RuntimeException e) {
                // Quartz's JobRunShell reports job failures itself; the one worker must outlive them.
            } finally {
                synchronized (this) {
                    busy = false;
                    notifyAll();
                }
            }
        }
    }

    /** Blocks until the worker is free; then 1, or 0 once shut down (Quartz's contract). */
    @Override
    public synchronized int blockForAvailableThreads() {
        while (busy && !shutdown) {
            waitQuietly();
        }
        return shutdown ? 0 : 1;
    }

    @Override
    public synchronized boolean runInThread(Runnable runnable) {
        while (busy && !shutdown) {
            waitQuietly();
        }
        if (shutdown || runnable == null) {
            return false;
        }
        busy = true;
        next = runnable;
        notifyAll();
        return true;
    }

    @Override
    public void shutdown(boolean waitForJobsToComplete) {
        Thread w;
        synchronized (this) {
            shutdown = true;
            notifyAll();
            w = worker;
        }
        if (waitForJobsToComplete && w != null && w != Thread.currentThread()) {
            try {
                w.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void waitQuietly() {
        try {
            wait();
        } catch (InterruptedException e) {
            // Quartz interrupts nothing here; keep waiting for work or shutdown
        }
    }

    @Override
    public int getPoolSize() {
        return 1;
    }

    @Override
    public void setInstanceId(String id) {
        // one pool per scheduler: nothing to tell apart
    }

    @Override
    public synchronized void setInstanceName(String instanceName) {
        this.name = instanceName;
    }
}
