package io.cercle.identity;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.IndexField;
import org.springframework.data.mongodb.core.index.IndexInfo;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every index identity-service relies on exists once it has started, on the embedded MongoDB-protocol server the
 * tests run on: those declared on the documents (auto-index creation, service-defaults), and the GridFS one that no
 * annotation can declare (AvatarConfiguration).
 */
@IdentityServiceTest
class MongoIndexesTest {

    @Autowired
    MongoTemplate mongo;

    @Test
    void theIndexesDeclaredOnTheDocumentsAreCreatedAtStart() {
        assertThat(keys("members", "memberId_1")).containsExactly("memberId");
        assertThat(keys("tenants", "domains")).containsExactly("domains");
        assertThat(keys("invitations", "tenant_email_status")).containsExactly("tenantId", "email", "status");
        assertThat(keys("invitations", "tenant_status_newest_first"))
                .containsExactly("tenantId", "status", "createdAt", "_id");
        assertThat(keys("invitation_jobs", "status_turn")).containsExactly("status", "nextRunAt");
    }

    @Test
    void thePlatformsIndexesAreCreatedAtStartAndTheIdempotencyKeyIsUnique() {
        assertThat(keys("processed_events", "processedAt_1")).containsExactly("processedAt");
        assertThat(index("idempotency_keys", "one_key_per_caller_and_endpoint").isUnique()).isTrue();
    }

    @Test
    void theAvatarFilesIndexIsCreatedAtStartThoughGridFsHasNoDocumentToAnnotate() {
        assertThat(keys("avatars.files", "tenant_member"))
                .containsExactly("metadata.tenantId", "metadata.memberId", "_id");
    }

    private List<String> keys(String collection, String name) {
        return index(collection, name).getIndexFields().stream().map(IndexField::getKey).toList();
    }

    private IndexInfo index(String collection, String name) {
        return mongo.indexOps(collection).getIndexInfo().stream().filter(index -> index.getName().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no index " + name + " on " + collection + ": "
                        + mongo.indexOps(collection).getIndexInfo()));
    }
}
