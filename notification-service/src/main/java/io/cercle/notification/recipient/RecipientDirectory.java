package io.cercle.notification.recipient;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.Optional;

/** The members this service writes to: its read model of identity's members. */
@Service
public class RecipientDirectory {

    private static final Logger log = LoggerFactory.getLogger(RecipientDirectory.class);

    private final MongoTemplate mongo;
    private final Clock clock;

    RecipientDirectory(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /**
     * Records a member who joined; recording them again replaces the same document (the id is tenant + member).
     * A member already erased is not recorded again.
     */
    public void joined(String tenantId, String memberId, String email, String displayName, String locale) {
        if (wasErased(tenantId, memberId)) {
            log.info("Member {} of tenant {} joined after being erased (late or reordered event); ignored",
                    memberId, tenantId);
            return;
        }
        mongo.save(Recipient.of(tenantId, memberId, email, displayName, locale, clock.instant()));
    }

    /** Applies a profile change to a known recipient; a change for an unknown one has nothing to update. */
    public void profileUpdated(String tenantId, String memberId, String displayName, String locale) {
        var result = mongo.updateFirst(byId(tenantId, memberId), new Update().set("displayName", displayName)
                .set("locale", locale).set("updatedAt", clock.instant()), Recipient.class);
        if (result.getMatchedCount() == 0) {
            log.info("Profile update for member {} of tenant {}, who is not a recipient (yet); ignored",
                    memberId, tenantId);
        }
    }

    /**
     * Forgets an erased member: the document with their address and name is deleted, and only the fact that this
     * member id was erased is kept, so that a late {@code member.joined} cannot recreate it.
     */
    public void erased(String tenantId, String memberId) {
        mongo.save(new ErasedMember(Recipient.idOf(tenantId, memberId), tenantId, memberId, clock.instant()));
        mongo.remove(byId(tenantId, memberId), Recipient.class);
    }

    public boolean wasErased(String tenantId, String memberId) {
        return mongo.exists(byId(tenantId, memberId), ErasedMember.class);
    }

    public Optional<Recipient> find(String tenantId, String memberId) {
        return Optional.ofNullable(mongo.findOne(byId(tenantId, memberId), Recipient.class));
    }

    private static Query byId(String tenantId, String memberId) {
        // The id starts with the tenant; the tenantId criterion keeps every query tenant-scoped on its face.
        return Query.query(Criteria.where("_id").is(Recipient.idOf(tenantId, memberId)).and("tenantId").is(tenantId));
    }
}
