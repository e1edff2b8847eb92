package io.cercle.identity.invitation;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Forgets what invitations leave behind: finished import jobs past their retention (their reports list addresses)
 * and the daily counters of past days. TTL indexes do not expire on the embedded MongoDB server, so expiry is this
 * job (docs/architecture.md); ShedLock runs it on one replica at a time.
 */
@Component
class InvitationRetention {

    private static final Logger log = LoggerFactory.getLogger(InvitationRetention.class);

    private final InvitationJobs jobs;
    private final DailyInvitationQuota quota;
    private final Clock clock;
    private final Duration retention;

    InvitationRetention(InvitationJobs jobs, DailyInvitationQuota quota, Clock clock, InvitationProperties properties) {
        this.jobs = jobs;
        this.quota = quota;
        this.clock = clock;
        this.retention = properties.bulk().retention();
    }

    @Scheduled(initialDelayString = "${cercle.invitations.cleanup-interval:PT1H}",
            fixedDelayString = "${cercle.invitations.cleanup-interval:PT1H}")
    @SchedulerLock(name = "invitation-retention", lockAtMostFor = "PT10M")
    public void cleanUp() {
        var now = clock.instant();
        long jobsRemoved = jobs.forgetFinishedBefore(now.minus(retention));
        // Yesterday's counter stays a day: a request that took its ticket just before midnight may give it back.
        long countersRemoved = quota.forgetBefore(LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(1));
        log.info("Removed {} finished invitation jobs and {} daily invitation counters", jobsRemoved, countersRemoved);
    }
}
