package io.cercle.notification.delivery;

import io.cercle.notification.NotificationServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.IndexInfo;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The indexes declared on the documents exist once the service has started, on the embedded MongoDB-protocol server
 * the tests run on: nothing creates them by hand any more (auto-index creation, service-defaults).
 */
@NotificationServiceTest
class DeliveryIndexesTest {

    @Autowired
    MongoTemplate mongo;

    @Test
    void theDeliveryLogsIndexesAreCreatedAtStartLedByTheTenant() {
        assertThat(mongo.indexOps(Delivery.class).getIndexInfo())
                .filteredOn(index -> index.getName().equals("tenant_newest_first")).singleElement()
                .satisfies(index -> assertThat(index.getIndexFields()).extracting(field -> field.getKey())
                        .containsExactly("tenantId", "createdAt", "_id"));
        assertThat(mongo.indexOps(Delivery.class).getIndexInfo())
                .filteredOn(index -> index.getName().equals("tenant_member")).singleElement()
                .satisfies(index -> assertThat(index.getIndexFields()).extracting(field -> field.getKey())
                        .containsExactly("tenantId", "memberId"));
    }

    @Test
    void theInboxsRetentionIndexIsCreatedAtStartBeforeAnyEventIsConsumed() {
        assertThat(mongo.indexOps("processed_events").getIndexInfo()).extracting(IndexInfo::getName)
                .contains("processedAt_1");
    }
}
