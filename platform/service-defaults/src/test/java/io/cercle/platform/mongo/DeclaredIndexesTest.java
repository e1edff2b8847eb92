package io.cercle.platform.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.cercle.testsupport.TestMongo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.convert.MappingMongoConverter;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions;
import org.springframework.data.mongodb.core.convert.NoOpDbRefResolver;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.IndexInfo;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.MongoMappingContext;
import org.springframework.data.mongodb.core.SimpleMongoClientDatabaseFactory;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the embedded MongoDB-protocol server (mongo-java-server) makes of the indexes Spring Data creates from
 * annotations with auto-index creation on (cercle-defaults.properties), the way every service now gets its indexes:
 * a compound unique index, a TTL index and a partial index are all accepted; the unique one is enforced, but a TTL
 * index never expires anything (hence the scheduled retention jobs) and a partial index's filter is ignored.
 */
class DeclaredIndexesTest {

    private static MongoClient client;
    private static MongoTemplate mongo;

    @org.springframework.data.mongodb.core.mapping.Document("index_probes")
    @CompoundIndex(name = "one_code_per_tenant", def = "{'tenantId': 1, 'code': 1}", unique = true)
    record Probe(@Id String id, String tenantId, String code,
                 @Indexed(name = "expires", expireAfter = "0s") Instant expiresAt) {
    }

    @org.springframework.data.mongodb.core.mapping.Document("partial_index_probes")
    record PartialProbe(@Id String id,
                        @Indexed(name = "one_open_per_owner", unique = true, partialFilter = "{ 'open': true }")
                        String owner,
                        boolean open) {
    }

    @BeforeAll
    static void aTemplateThatCreatesDeclaredIndexesLikeEveryService() {
        client = MongoClients.create(TestMongo.get().connectionString());
        var factory = new SimpleMongoClientDatabaseFactory(client, "declared-indexes-" + UUID.randomUUID());
        var conversions = new MongoCustomConversions(List.of());
        var mapping = new MongoMappingContext();
        mapping.setSimpleTypeHolder(conversions.getSimpleTypeHolder());
        mapping.setAutoIndexCreation(true);
        mapping.afterPropertiesSet();
        var converter = new MappingMongoConverter(NoOpDbRefResolver.INSTANCE, mapping);
        converter.setCustomConversions(conversions);
        converter.afterPropertiesSet();
        mongo = new MongoTemplate(factory, converter);
        // The first use of the document registers it, which creates its indexes, as at a service's start.
        mongo.getConverter().getMappingContext().getPersistentEntity(Probe.class);
        mongo.getConverter().getMappingContext().getPersistentEntity(PartialProbe.class);
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    void uniqueTtlAndPartialIndexesAreCreated() {
        var indexes = mongo.indexOps(Probe.class).getIndexInfo();
        var partial = mongo.indexOps(PartialProbe.class).getIndexInfo();

        assertThat(named(indexes, "one_code_per_tenant").isUnique()).isTrue();
        assertThat(named(indexes, "expires").getExpireAfter()).hasValueSatisfying(ttl -> assertThat(ttl).isZero());
        assertThat(named(partial, "one_open_per_owner").isUnique()).isTrue();
    }

    @Test
    void theCompoundUniqueIndexRefusesASecondDocumentWithTheSameKey() {
        String tenant = "t-" + UUID.randomUUID();
        mongo.insert(new Probe(UUID.randomUUID().toString(), tenant, "A", null));

        assertThatThrownBy(() -> mongo.insert(new Probe(UUID.randomUUID().toString(), tenant, "A", null)))
                .isInstanceOf(DuplicateKeyException.class);
        mongo.insert(new Probe(UUID.randomUUID().toString(), "other-" + tenant, "A", null));
    }

    @Test
    void aTtlIndexNeverExpiresADocumentOnTheEmbeddedServer() {
        String id = UUID.randomUUID().toString();
        mongo.insert(new Probe(id, "t-" + UUID.randomUUID(), "B", Instant.parse("2000-01-01T00:00:00Z")));

        // mongo-java-server keeps TTL indexes but runs no expiry: the document outlives its date.
        assertThat(mongo.findById(id, Probe.class)).isNotNull();
    }

    /**
     * Measured: the embedded server takes a partial unique index but ignores its filter, so it constrains every
     * document, those the filter leaves out included; MongoDB would accept the second closed one. No design may rest
     * on a partial index's filter while tests run on the embedded server (docs/architecture.md). If this starts
     * failing, the server learnt partial indexes: update the documentation.
     */
    @Test
    void aPartialUniqueIndexIsCreatedButItsFilterIsIgnoredByTheEmbeddedServer() {
        String owner = "o-" + UUID.randomUUID();
        mongo.insert(new PartialProbe(UUID.randomUUID().toString(), owner, false));

        assertThatThrownBy(() -> mongo.insert(new PartialProbe(UUID.randomUUID().toString(), owner, false)))
                .isInstanceOf(DuplicateKeyException.class);
    }

    private static IndexInfo named(List<IndexInfo> indexes, String name) {
        return indexes.stream().filter(index -> index.getName().equals(name)).findFirst().orElseThrow();
    }
}
