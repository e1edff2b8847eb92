package io.cercle.identity.invitation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * This replica's worker for invitation jobs: one thread of its own (so a long import never delays the outbox relay
 * or request threads), woken when a job is stored here and polling for the others, for instance a job whose worker
 * died with another replica. Each replica has one; leases keep them from sharing a job.
 */
@Component
class InvitationJobWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(InvitationJobWorker.class);

    private final InvitationJobs jobs;
    private final long pollMillis;
    private final String workerId = "worker-" + UUID.randomUUID();
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private volatile ScheduledExecutorService executor;

    InvitationJobWorker(InvitationJobs jobs, InvitationProperties properties) {
        this.jobs = jobs;
        this.pollMillis = properties.bulk().pollInterval().toMillis();
    }

    /** A job was stored: work on it now rather than at the next poll. */
    void wake() {
        var running = executor;
        if (running != null && wakeQueued.compareAndSet(false, true)) {
            running.execute(() -> {
                wakeQueued.set(false);
                drain();
            });
        }
    }

    private void drain() {
        try {
            while (executor != null && jobs.workOnce(workerId)) {
                // One chunk per turn; the loop takes the next turn, which may be another tenant's job.
            }
        } catch (RuntimeException e) {
            // The job keeps its place and is taken again after its lease; nothing is lost.
            log.warn("Invitation job worker {} stopped a pass: {}", workerId, e.getMessage(), e);
        }
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "invitation-jobs");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::drain, 0, pollMillis, TimeUnit.MILLISECONDS);
        log.info("Invitation job worker {} started (polling every {} ms)", workerId, pollMillis);
    }

    @Override
    public void stop() {
        var running = executor;
        executor = null;
        running.shutdown();
        try {
            // A chunk in progress finishes and saves its report; an unfinished job is resumed by another worker.
            running.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}
