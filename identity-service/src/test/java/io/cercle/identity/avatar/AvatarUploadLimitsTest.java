package io.cercle.identity.avatar;

import io.cercle.identity.IdentityServiceTest;
import io.cercle.identity.member.MemberEvents;
import io.cercle.identity.member.MemberService;
import io.cercle.identity.tenant.Tenant;
import io.cercle.platform.security.test.Tokens;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Oversized uploads through the real servlet container, where the multipart limits apply (MockMvc skips them),
 * with the default avatar limit (1 MB) — equal to Boot's default container limit, which AvatarConfiguration widens.
 * Bearer tokens are "memberId~tenant" (a character the bearer token syntax allows), decoded by a stand-in for Keycloak.
 */
@IdentityServiceTest
class AvatarUploadLimitsTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX = 1024 * 1024;

    @LocalServerPort
    int port;
    @Autowired
    MemberService members;
    @Autowired
    MongoTemplate mongo;

    @TestConfiguration
    static class TokensWithoutKeycloak {
        @Bean
        JwtDecoder jwtDecoder() {
            return token -> {
                String[] parts = token.split("~", 2);
                return Tokens.keycloakJwt(parts[0], List.of(parts[1]), "member");
            };
        }
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

    private record Caller(String tenant, String memberId) {
        String token() {
            return memberId + "~" + tenant;
        }
    }

    private Caller aMember() {
        var caller = new Caller("t-" + UUID.randomUUID().toString().substring(0, 8), UUID.randomUUID().toString());
        members.join(caller.tenant(), caller.memberId(), caller.memberId() + "@example.org", "Lim Its",
                Tenant.Locale.en, MemberEvents.JoinedVia.directory);
        return caller;
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
