package io.cercle.identity.invitation;

import io.cercle.identity.tenant.TenantService;
import io.cercle.platform.problem.ConflictException;
import io.cercle.platform.problem.FieldError;
import io.cercle.platform.problem.InvalidRequestException;
import io.cercle.platform.problem.NotFoundException;
import jakarta.validation.Validator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * CSV imports of invitations as background jobs. A request only checks and stores the lines (202); workers on any
 * replica claim jobs by a conditional update with a lease and work through them a chunk at a time, oldest turn
 * first, so one tenant's thousand lines take turns with other tenants' jobs and never hold up anyone's single
 * invitations, which are requests of their own.
 */
@Service
class InvitationJobs {

    private static final Logger log = LoggerFactory.getLogger(InvitationJobs.class);
    private static final int MAX_CELL = 320;

    private final MongoTemplate mongo;
    private final InvitationService invitations;
    private final InvitationRepository invitationRepository;
    private final TenantService tenants;
    private final Validator validator;
    private final Clock clock;
    private final InvitationProperties.Bulk settings;

    InvitationJobs(MongoTemplate mongo, InvitationService invitations, InvitationRepository invitationRepository,
                   TenantService tenants, Validator validator, Clock clock, InvitationProperties properties) {
        this.mongo = mongo;
        this.invitations = invitations;
        this.invitationRepository = invitationRepository;
        this.tenants = tenants;
        this.validator = validator;
        this.clock = clock;
        this.settings = properties.bulk();
    }

    /**
     * Stores a job for every {@code email[,role]} line (a first line starting with "email" is a header; blank
     * lines are skipped).
     *
     * @throws InvalidRequestException naming {@code body} if there is no line or more than the limit
     */
    InvitationJob enqueue(String tenantId, String csv, String requestedBy) {
        tenants.get(tenantId);
        List<InvitationJob.Line> lines = parse(csv);
        var job = new InvitationJob(UUID.randomUUID().toString(), tenantId, requestedBy, lines, clock.instant());
        return mongo.insert(job);
    }

    private List<InvitationJob.Line> parse(String csv) {
        List<InvitationJob.Line> lines = new ArrayList<>();
        var all = (csv == null ? "" : csv).lines().iterator();
        for (int number = 1; all.hasNext(); number++) {
            String line = all.next().strip();
            if (line.isEmpty() || (number == 1 && line.toLowerCase(Locale.ROOT).startsWith("email"))) {
                continue;
            }
            if (lines.size() == settings.maxLines()) {
                throw new InvalidRequestException(new FieldError("body", "has more than " + settings.maxLines()
                        + " lines; split the file"));
            }
            String[] cells = line.split("[,;]", -1);
            lines.add(new InvitationJob.Line(number, cut(cells[0].strip().toLowerCase(Locale.ROOT)),
                    cells.length > 1 ? cut(cells[1].strip()) : ""));
        }
        if (lines.isEmpty()) {
            throw new InvalidRequestException(new FieldError("body", "must hold at least one line 'email[,role]'"));
        }
        return lines;
    }

    /** Cells are stored as sent for the report, but no longer than any valid value could be. */
    private static String cut(String cell) {
        return cell.length() > MAX_CELL ? cell.substring(0, MAX_CELL) : cell;
    }

    /** The tenant's job; another tenant's is not found. */
    InvitationJob find(String tenantId, String jobId) {
        return Optional.ofNullable(mongo.findById(jobId, InvitationJob.class))
                .filter(job -> job.tenantId.equals(tenantId))
                .orElseThrow(() -> new NotFoundException("Invitation job", jobId));
    }

    /**
     * Claims the job whose turn is oldest among those nobody holds, works through one chunk of its lines and saves
     * their report while still holding the lease.
     *
     * @return whether there was a job to work on
     */
    boolean workOnce(String workerId) {
        InvitationJob job = claim(workerId);
        if (job == null) {
            return false;
        }
        int from = job.report.size();
        int to = Math.min(job.lines.size(), from + settings.chunkSize());
        List<InvitationJob.LineReport> done = new ArrayList<>();
        boolean failed = true;
        try {
            for (int index = from; index < to; index++) {
                done.add(invite(job, index));
            }
            failed = false;
        } finally {
            // Also after a failure (MongoDB gone, say): what was done is saved, the rest waits a lease's time.
            save(job, workerId, from, done, failed);
        }
        return true;
    }

    private InvitationJob claim(String workerId) {
        Instant now = clock.instant();
        var claimable = Query.query(Criteria.where("status").in(InvitationJob.Status.QUEUED, InvitationJob.Status.RUNNING)
                        .and("nextRunAt").lte(now)
                        .orOperator(Criteria.where("leaseUntil").is(null), Criteria.where("leaseUntil").lt(now)))
                .with(Sort.by("nextRunAt"));
        var claim = new Update().set("status", InvitationJob.Status.RUNNING).set("leaseOwner", workerId)
                .set("leaseUntil", now.plus(settings.lease()));
        InvitationJob job = mongo.findAndModify(claimable, claim, FindAndModifyOptions.options().returnNew(true),
                InvitationJob.class);
        if (job != null && job.startedAt == null) {
            mongo.updateFirst(Query.query(Criteria.where("_id").is(job.id).and("startedAt").is(null)),
                    new Update().set("startedAt", now), InvitationJob.class);
        }
        return job;
    }

    private void save(InvitationJob job, String workerId, int from, List<InvitationJob.LineReport> done,
                      boolean failed) {
        Instant now = clock.instant();
        boolean finished = from + done.size() == job.lines.size();
        var update = new Update().unset("leaseOwner").unset("leaseUntil")
                .set("nextRunAt", failed ? now.plus(settings.lease()) : now);
        if (!done.isEmpty()) {
            update.push("report").each(done.toArray());
        }
        if (finished) {
            update.set("status", InvitationJob.Status.DONE).set("finishedAt", now);
        }
        // Only the lease holder, and only where the report ended when it claimed: a worker whose lease expired
        // meanwhile saves nothing, and the lines it did are recognised by their invitation ids when done again.
        boolean saved = mongo.updateFirst(Query.query(Criteria.where("_id").is(job.id).and("leaseOwner").is(workerId)
                        .and("report").size(from)), update, InvitationJob.class).getModifiedCount() == 1;
        if (!saved) {
            log.warn("Invitation job {}: lease lost before lines {}..{} were saved; another worker redoes them",
                    job.id, from, from + done.size());
        }
    }

    /** One line: invited, or why not. A failure of the infrastructure propagates and the line is done later. */
    private InvitationJob.LineReport invite(InvitationJob job, int index) {
        InvitationJob.Line line = job.lines.get(index);
        Invitation.Role role;
        try {
            role = line.role().isEmpty() ? Invitation.Role.member : Invitation.Role.valueOf(line.role());
        } catch (IllegalArgumentException e) {
            return report(line, InvitationJob.Outcome.INVALID, "role must be member or tenant_admin", null);
        }
        var request = new NewInvitation(line.email(), role);
        var violations = validator.validate(request);
        if (!violations.isEmpty()) {
            return report(line, InvitationJob.Outcome.INVALID, "email " + violations.iterator().next().getMessage(),
                    null);
        }
        for (int earlier = 0; earlier < index; earlier++) {
            if (job.lines.get(earlier).email().equals(line.email())) {
                return report(line, InvitationJob.Outcome.DUPLICATE, "listed twice in this file (line "
                        + job.lines.get(earlier).line() + ")", null);
            }
        }
        String invitationId = invitationIdOf(job, line);
        if (invitationRepository.existsById(invitationId)) {
            return report(line, InvitationJob.Outcome.INVITED, null, invitationId);
        }
        try {
            invitations.invite(job.tenantId, request, job.requestedBy, invitationId);
            return report(line, InvitationJob.Outcome.INVITED, null, invitationId);
        } catch (ConflictException | DuplicateKeyException e) {
            // A worker whose lease ran out may have made this very invitation a moment ago: it is this line's.
            if (invitationRepository.existsById(invitationId)) {
                return report(line, InvitationJob.Outcome.INVITED, null, invitationId);
            }
            if (e instanceof DuplicateKeyException) {
                throw e;
            }
            return report(line, InvitationJob.Outcome.DUPLICATE, e.getMessage(), null);
        } catch (DailyInvitationQuota.LimitReached e) {
            return report(line, InvitationJob.Outcome.LIMIT_REACHED, e.getBody().getDetail(), null);
        }
    }

    /** The same line of the same job always makes the same invitation id. */
    static String invitationIdOf(InvitationJob job, InvitationJob.Line line) {
        return UUID.nameUUIDFromBytes((job.id + "|" + line.line()).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static InvitationJob.LineReport report(InvitationJob.Line line, InvitationJob.Outcome outcome,
                                                   String error, String invitationId) {
        return new InvitationJob.LineReport(line.line(), line.email(), outcome, error, invitationId);
    }

    /** Forgets finished jobs past their retention, and their reports with the addresses they list. */
    long forgetFinishedBefore(Instant cutoff) {
        return mongo.remove(Query.query(Criteria.where("status").is(InvitationJob.Status.DONE)
                .and("finishedAt").lt(cutoff)), InvitationJob.class).getDeletedCount();
    }
}
