package io.cercle.identity.invitation;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * How many invitations each tenant may still send today. One counter document per tenant and UTC day, moved by
 * {@code $inc} in a single atomic update: concurrent requests (and bulk workers on other replicas) each get a
 * distinct count back, so no more than the limit ever pass, without a count query that two requests could both
 * read below the limit.
 */
@Component
class DailyInvitationQuota {

    static final String COLLECTION = "invitation_counters";

    private final MongoTemplate mongo;
    private final Clock clock;
    private final int limit;

    DailyInvitationQuota(MongoTemplate mongo, Clock clock, InvitationProperties properties) {
        this.mongo = mongo;
        this.clock = clock;
        this.limit = properties.dailyLimit();
    }

    /** One invitation taken from today's allowance of the tenant, to give back if it is not sent after all. */
    record Ticket(String counterId) {
    }

    /** Takes one invitation from the tenant's allowance of today. @throws LimitReached when none is left */
    Ticket take(String tenantId) {
        Instant now = clock.instant();
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        String counterId = key(tenantId, day);
        long count = increment(counterId, tenantId, day, 1);
        if (count > limit) {
            // Over the limit: undo our step. Others who stepped meanwhile got higher counts and are refused too.
            increment(counterId, tenantId, day, -1);
            throw new LimitReached(limit, day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(), now);
        }
        return new Ticket(counterId);
    }

    /** The invitation was not sent (a duplicate, a failed write): it does not count. */
    void giveBack(Ticket ticket) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(ticket.counterId())), new Update().inc("count", -1),
                COLLECTION);
    }

    /** How many invitations the tenant sent on that day. */
    long used(String tenantId, LocalDate day) {
        Document counter = mongo.findById(key(tenantId, day), Document.class, COLLECTION);
        return counter == null ? 0 : ((Number) counter.get("count")).longValue();
    }

    /** Forgets counters of days before {@code day}. */
    long forgetBefore(LocalDate day) {
        return mongo.remove(Query.query(Criteria.where("day").lt(day.toString())), COLLECTION).getDeletedCount();
    }

    static String key(String tenantId, LocalDate day) {
        return tenantId + "|" + day;
    }

    private long increment(String counterId, String tenantId, LocalDate day, int by) {
        var query = Query.query(Criteria.where("_id").is(counterId));
        var update = new Update().inc("count", by).setOnInsert("tenantId", tenantId).setOnInsert("day", day.toString());
        var options = FindAndModifyOptions.options().upsert(true).returnNew(true);
        Document counter;
        try {
            counter = mongo.findAndModify(query, update, options, Document.class, COLLECTION);
        } catch (DuplicateKeyException firstOfTheDayRace) {
            // Two first invitations of the day both tried to create the counter; now it exists: just step it.
            counter = mongo.findAndModify(query, update, options, Document.class, COLLECTION);
        }
        return ((Number) counter.get("count")).longValue();
    }

    /** 429: the tenant's invitations of today are used up; says when the allowance comes back. */
    static class LimitReached extends ErrorResponseException {

        LimitReached(int limit, Instant resetsAt, Instant now) {
            super(HttpStatus.TOO_MANY_REQUESTS, problem(limit, resetsAt), null);
            getHeaders().set(HttpHeaders.RETRY_AFTER,
                    String.valueOf(Math.max(1, Duration.between(now, resetsAt).toSeconds())));
        }

        private static ProblemDetail problem(int limit, Instant resetsAt) {
            var problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, "Your organization has sent "
                    + limit + " invitations today, its daily limit; it resets at " + resetsAt + " (midnight UTC)");
            problem.setTitle("Daily invitation limit reached");
            problem.setProperty("limit", limit);
            problem.setProperty("resetsAt", resetsAt);
            return problem;
        }
    }
}
