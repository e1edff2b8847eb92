package io.cercle.identity.invitation;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.List;

/**
 * A CSV import of invitations, done in the background: the lines as sent, and the report of those done so far (in
 * line order, {@code report.size()} lines done). A worker holds it by a lease ({@code leaseOwner} until
 * {@code leaseUntil}), works through a chunk of lines and saves the chunk's report only while it still holds the
 * lease, so two workers never report the same line, and a job whose worker died is resumed after its last chunk.
 */
@Document("invitation_jobs")
// The workers' claim looks across tenants by design (any job whose turn has come), hence no tenant first.
@CompoundIndex(name = "status_turn", def = "{'status': 1, 'nextRunAt': 1}")
class InvitationJob {

    enum Status { QUEUED, RUNNING, DONE }

    /** A line of the CSV: its number in the file (header included) and its cells, unchecked. */
    record Line(int line, String email, String role) {
    }

    enum Outcome { INVITED, DUPLICATE, INVALID, LIMIT_REACHED }

    /**
     * What became of one line; never a token.
     *
     * @param invitationId the invitation made, for INVITED lines (to revoke it)
     * @param error        why the line was not invited, for the others
     */
    record LineReport(int line, String email, Outcome outcome, String error, String invitationId) {
    }

    @Id
    String id;
    String tenantId;
    String requestedBy;
    Status status;
    Instant createdAt;
    Instant startedAt;
    Instant finishedAt;
    List<Line> lines;
    List<LineReport> report;
    /** When a worker should next take it: its creation, then the end of its last chunk (round robin). */
    Instant nextRunAt;
    String leaseOwner;
    Instant leaseUntil;

    InvitationJob() {
    }

    InvitationJob(String id, String tenantId, String requestedBy, List<Line> lines, Instant createdAt) {
        this.id = id;
        this.tenantId = tenantId;
        this.requestedBy = requestedBy;
        this.status = Status.QUEUED;
        this.createdAt = createdAt;
        this.lines = List.copyOf(lines);
        this.report = List.of();
        this.nextRunAt = createdAt;
    }
}
