package io.cercle.notification.delivery;

import io.cercle.notification.delivery.Delivery.Channel;
import io.cercle.notification.delivery.Delivery.Status;
import io.cercle.platform.page.KeysetList;
import io.cercle.platform.page.Page;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Records every notification attempt; the unique id of a record is what makes a notification go out once. */
@Service
public class DeliveryLog {

    /** The delivery log API's list: newest first, ties by id. */
    private static final KeysetList NEWEST_FIRST = KeysetList.named("deliveries", Sort.by(Sort.Order.desc("createdAt")));

    private final MongoTemplate mongo;
    private final Clock clock;

    DeliveryLog(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /**
     * Claims the one delivery of {@code notification} to a member, before sending anything.
     *
     * @return the new record (status SENDING), or empty if the notification was already claimed — sent, failed or
     * in flight — in which case the caller must not send it
     */
    public Optional<Delivery> claim(String tenantId, String memberId, String notification, String address,
                                    String recipientName, String locale) {
        Instant now = clock.instant();
        var delivery = new Delivery(Delivery.idOf(tenantId, memberId, notification), tenantId, memberId,
                notification, Channel.EMAIL, address, recipientName, locale, Status.SENDING, null, now, now, null);
        try {
            return Optional.of(mongo.insert(delivery));
        } catch (DuplicateKeyException alreadyClaimed) {
            return Optional.empty();
        }
    }

    public void sent(Delivery delivery) {
        settle(delivery, Status.SENT, null);
    }

    public void failed(Delivery delivery, String failure) {
        settle(delivery, Status.FAILED, failure);
    }

    /** Drops an erased member's addresses and names from their records; the records (and so the counts) stay. */
    public void anonymise(String tenantId, String memberId) {
        anonymiseWhere(Criteria.where("tenantId").is(tenantId).and("memberId").is(memberId));
    }

    /**
     * Drops an erased member's address from the tenant's records sent to it before it was theirs (the invitation
     * email, keyed by the invitation rather than by a member).
     */
    public void anonymiseAddress(String tenantId, String address) {
        anonymiseWhere(Criteria.where("tenantId").is(tenantId).and("address").is(address));
    }

    private void anonymiseWhere(Criteria records) {
        mongo.updateMulti(Query.query(records.and("anonymisedAt").is(null)),
                new Update().unset("address").unset("recipientName").set("anonymisedAt", clock.instant()),
                Delivery.class);
    }

    public Optional<Delivery> find(String tenantId, String memberId, String notification) {
        return Optional.ofNullable(mongo.findOne(Query.query(Criteria.where("_id")
                .is(Delivery.idOf(tenantId, memberId, notification)).and("tenantId").is(tenantId)), Delivery.class));
    }

    /** One page of a tenant's deliveries, newest first, after {@code cursor} if given (400 if it is not one). */
    Page<Delivery> page(String tenantId, String cursor, int size) {
        return NEWEST_FIRST.page(mongo, Query.query(Criteria.where("tenantId").is(tenantId)), Delivery.class, tenantId,
                cursor, size);
    }

    private void settle(Delivery delivery, Status status, String failure) {
        var update = new Update().set("status", status).set("updatedAt", clock.instant());
        if (failure != null) {
            update.set("failure", failure);
        }
        mongo.updateFirst(Query.query(Criteria.where("_id").is(delivery.id()).and("tenantId").is(delivery.tenantId())),
                update, Delivery.class);
    }

}
