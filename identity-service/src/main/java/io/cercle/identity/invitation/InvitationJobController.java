package io.cercle.identity.invitation;

import io.cercle.platform.idempotency.Idempotent;
import io.cercle.platform.security.CurrentMember;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.constraints.Size;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/** CSV imports of invitations (tenant admins): accepted at once as a job, followed through its status resource. */
@RestController
@PreAuthorize("hasRole('tenant-admin')")
class InvitationJobController {

    private final InvitationJobs jobs;
    private final InvitationJobWorker worker;

    InvitationJobController(InvitationJobs jobs, InvitationJobWorker worker) {
        this.jobs = jobs;
        this.worker = worker;
    }

    @PostMapping(path = "/invitations/bulk", consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE})
    @Idempotent
    @Operation(summary = "Invite many people from CSV lines 'email[,role]' (tenant admin), in the background: "
            + "follow the job at its Location")
    @ApiResponse(responseCode = "202", description = "Queued; Location is the job, whose report grows line by line")
    @ApiResponse(responseCode = "400", description = "No line, or more lines than the limit (1000 by default): "
            + "the problem names body")
    @ApiResponse(responseCode = "403", description = "Caller is not a tenant admin")
    ResponseEntity<JobView> enqueue(@RequestBody String csv, CurrentMember caller) {
        InvitationJob job = jobs.enqueue(caller.requireTenant(), csv, caller.memberId());
        worker.wake();
        return ResponseEntity.accepted().location(URI.create("/invitations/bulk/" + job.id)).body(JobView.of(job));
    }

    @GetMapping("/invitations/bulk/{jobId}")
    @Operation(summary = "An invitation import of my tenant (tenant admin): its status and the report per line")
    @ApiResponse(responseCode = "200", description = "QUEUED, RUNNING or DONE, with the lines done so far: "
            + "INVITED, DUPLICATE, INVALID or LIMIT_REACHED")
    @ApiResponse(responseCode = "403", description = "Caller is not a tenant admin")
    @ApiResponse(responseCode = "404", description = "No such job in my tenant")
    JobView get(@PathVariable @Size(max = 64) String jobId, CurrentMember caller) {
        return JobView.of(jobs.find(caller.requireTenant(), jobId));
    }

    /**
     * @param lines     how many lines the file holds
     * @param processed how many of them are done (the report's length)
     */
    record JobView(String id, InvitationJob.Status status, int lines, int processed, Instant createdAt,
                   Instant startedAt, Instant finishedAt, List<InvitationJob.LineReport> report) {
        static JobView of(InvitationJob job) {
            return new JobView(job.id, job.status, job.lines.size(), job.report.size(), job.createdAt,
                    job.startedAt, job.finishedAt, job.report);
        }
    }
}
