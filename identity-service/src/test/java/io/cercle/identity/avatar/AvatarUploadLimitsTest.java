package io.cercle.identity.avatar;

import io.cercle.identity.IdentityMother;
import io.cercle.identity.IdentityServiceTest;
import io.cercle.testsupport.TestKeycloak;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Oversized uploads through the real servlet container, where the multipart limits apply (MockMvc skips them),
 * with the default avatar limit (1 MB) — equal to Boot's default container limit, which AvatarConfiguration widens.
 * Each test's member joined a new tenant by invitation and signs in with a real Keycloak token for it.
 */
@IdentityServiceTest
class AvatarUploadLimitsTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX = 1024 * 1024;

    @LocalServerPort
    int port;
    @Autowired
    MongoTemplate mongo;

    @Autowired
    MockMvc mvc;
    @Autowired
    Keycloak keycloak;
    @Autowired
    RabbitAdmin rabbitAdmin;
    @Autowired
    RabbitTemplate rabbit;

    private IdentityMother mother;

    @BeforeEach
    void mother() {
        mother = new IdentityMother(mvc, keycloak, rabbitAdmin, rabbit);
    }

    @Test
    void aPictureJustOverTheAvatarLimitIs400NamingFileNotTheContainers413() throws Exception {
        var member = aMember();

        var response = put(member, AvatarPictures.pngOfSize(MAX + 1));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(JSON.readTree(response.body()).at("/errors/0/field").asString()).isEqualTo("file");
        assertThat(JSON.readTree(response.body()).at("/errors/0/message").asString())
                .isEqualTo("is larger than " + MAX + " bytes");
        assertThat(filesOf(member)).isZero();
    }

    @Test
    void anUploadBeyondTheContainerLimitIsA413ProblemNotA500() throws Exception {
        var member = aMember();

        // The container accepts twice the avatar limit; this is beyond it.
        var response = put(member, AvatarPictures.pngOfSize(2 * MAX + 100 * 1024));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(JSON.readTree(response.body()).path("status").asInt()).isEqualTo(413);
        assertThat(filesOf(member)).isZero();
    }

    @Test
    void aPictureWithinTheLimitIsStoredThroughTheContainer() throws Exception {
        var member = aMember();

        var response = put(member, AvatarPictures.png());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(filesOf(member)).isEqualTo(1);
    }

    private record Caller(String tenant, String memberId, String token) {
    }

    private Caller aMember() throws Exception {
        String tenant = mother.tenant();
        IdentityMother.Person person = mother.joined(tenant, "Lim Its", "member");
        return new Caller(tenant, person.id(), TestKeycloak.get().accessTokenWithScope(person.email(),
                person.password(), TestKeycloak.CLIENT_ID, "organization:" + tenant));
    }

    private HttpResponse<String> put(Caller caller, byte[] picture) throws Exception {
        String boundary = "avatar-" + UUID.randomUUID();
        var body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"me.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(picture);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/me/avatar"))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + caller.token())
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private long filesOf(Caller caller) {
        return mongo.getCollection("avatars.files").countDocuments(
                new Document("metadata.tenantId", caller.tenant()).append("metadata.memberId", caller.memberId()));
    }
}
