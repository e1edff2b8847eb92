package io.cercle.testsupport;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TestMongoTest {

    @Test
    void storesAndReadsBackADocumentThroughTheOfficialDriver() {
        try (MongoClient client = MongoClients.create(TestMongo.get().connectionString())) {
            MongoCollection<Document> members = client.getDatabase("test-mongo-test").getCollection("members");
            members.insertOne(new Document("_id", "m-1").append("tenantId", "tenant-a").append("name", "Bob"));

            Document found = members.find(new Document("tenantId", "tenant-a")).first();

            assertThat(found).isNotNull();
            assertThat(found.getString("name")).isEqualTo("Bob");
        }
    }

    @Test
    void isTheSameServerForTheWholeJvm() {
        assertThat(TestMongo.get()).isSameAs(TestMongo.get());
        assertThat(TestMongo.get().uri("identity")).isEqualTo(TestMongo.get().connectionString() + "/identity");
    }
}
