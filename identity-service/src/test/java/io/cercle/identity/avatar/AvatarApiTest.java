package io.cercle.identity.avatar;

import io.cercle.identity.IdentityServiceTest;
import io.cercle.identity.member.MemberEvents;
import io.cercle.identity.member.MemberService;
import io.cercle.identity.tenant.Tenant;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import java.util.HashSet;
import java.util.UUID;

import static io.cercle.identity.IdentityMother.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Avatars through the API, on the real MongoDB-protocol server and its GridFS. Members are created through
 * {@link MemberService#join} (no Keycloak needed), each test in a tenant of its own.
 */
@IdentityServiceTest
class AvatarApiTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    MemberService members;
    @Autowired
    AvatarStore store;
    @Autowired
    MongoTemplate mongo;

    private String tenant;
    private String memberId;
    private String colleagueId;

    @BeforeEach
    void aTenantWithTwoMembers() {
        tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
        memberId = join(tenant, "Ada Avatar");
        colleagueId = join(tenant, "Colin Colleague");
    }

    @Test
    void aPngIsStoredAndEveryMemberOfTheTenantReadsTheSamePixelsBack() throws Exception {
        byte[] png = AvatarPictures.png();

        var stored = upload(memberId, tenant, file(png, "me.png", "image/png"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.memberId").value(memberId))
                .andExpect(jsonPath("$.contentType").value("image/png"))
                .andReturn().getResponse().getContentAsString();

        var response = mvc.perform(get("/members/" + memberId + "/avatar").with(as(colleagueId, tenant, "member")))
                .andExpect(status().isOk())
                .andExpect(content().contentType(MediaType.IMAGE_PNG))
                .andExpect(header().string(HttpHeaders.CACHE_CONTROL, "private, max-age=300"))
                .andReturn().getResponse();
        // Our own encoding of the same pixels (PNG is lossless), whose size the upload's answer gave.
        byte[] served = response.getContentAsByteArray();
        assertThat(pixels(served)).isEqualTo(pixels(png));
        assertThat(stored).contains("\"size\":" + served.length + ",");
        String etag = response.getHeader(HttpHeaders.ETAG);
        assertThat(etag).matches("\"[0-9a-f]{64}\"");

        mvc.perform(get("/members/" + memberId + "/avatar").with(as(colleagueId, tenant, "member"))
                        .header(HttpHeaders.IF_NONE_MATCH, etag))
                .andExpect(status().isNotModified())
                .andExpect(content().bytes(new byte[0]));
    }

    @Test
    void jpegAndWebpAreAcceptedWhateverTheClientDeclaredAndWebpIsServedAsPngOrJpeg() throws Exception {
        upload(memberId, tenant, file(AvatarPictures.jpeg(), "notes.txt", "text/plain"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.contentType").value("image/jpeg"));
        var jpeg = mvc.perform(get("/members/" + memberId + "/avatar").with(as(colleagueId, tenant, "member")))
                .andExpect(status().isOk())
                .andExpect(content().contentType(MediaType.IMAGE_JPEG))
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(AvatarPictures.decode(jpeg).getWidth()).isEqualTo(4);

        // A WebP with transparency becomes a PNG (the JDK writes no WebP), its transparent pixel kept.
        upload(colleagueId, tenant, file(AvatarPictures.webp(), "avatar", MediaType.APPLICATION_OCTET_STREAM_VALUE))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.contentType").value("image/png"));
        var png = mvc.perform(get("/members/" + colleagueId + "/avatar").with(as(memberId, tenant, "member")))
                .andExpect(status().isOk())
                .andExpect(content().contentType(MediaType.IMAGE_PNG))
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(AvatarPictures.decode(png).getRGB(0, 0) >>> 24).isZero();

        // A lossy WebP photo, without transparency, becomes a JPEG of the same picture.
        upload(colleagueId, tenant, file(AvatarPictures.lossyWebp(), "photo.webp", "image/webp"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.contentType").value("image/jpeg"));
        var photo = AvatarPictures.decode(mvc.perform(get("/members/" + colleagueId + "/avatar")
                        .with(as(memberId, tenant, "member")))
                .andExpect(content().contentType(MediaType.IMAGE_JPEG))
                .andReturn().getResponse().getContentAsByteArray());
        assertThat(photo.getWidth()).isEqualTo(6);
        assertThat(photo.getHeight()).isEqualTo(4);
        assertThat(blueness(photo.getRGB(0, 2))).isPositive();
        assertThat(blueness(photo.getRGB(5, 2))).isNegative();
    }

    @Test
    void aTextFileRenamedPngIsRejectedNamingFileAndNothingIsStored() throws Exception {
        upload(memberId, tenant, file(AvatarPictures.text(), "innocent.png", "image/png"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("file"))
                .andExpect(jsonPath("$.errors[0].message").value("is not a PNG, JPEG or WebP picture"));

        assertThat(filesOf(memberId)).isZero();
        assertThat(mongo.getCollection("avatars.chunks").countDocuments()).isEqualTo(chunksOfExistingFiles());
        mvc.perform(get("/members/" + memberId + "/avatar").with(as(colleagueId, tenant, "member")))
                .andExpect(status().isNotFound());
    }

    @Test
    void aRejectedUploadLeavesThePreviousAvatarInPlace() throws Exception {
        upload(memberId, tenant, file(AvatarPictures.png(), "me.png", "image/png")).andExpect(status().isOk());

        upload(memberId, tenant, file(AvatarPictures.wav(), "me.webp", "image/webp"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("file"));

        assertThat(filesOf(memberId)).isEqualTo(1);
        var served = mvc.perform(get("/members/" + memberId + "/avatar").with(as(memberId, tenant, "member")))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(pixels(served)).isEqualTo(pixels(AvatarPictures.png()));
    }

    @Test
    void aPictureOverTheMaximumSizeIsRejectedNamingFileAndNothingIsStored() throws Exception {
        int max = 1024 * 1024;
        upload(memberId, tenant, file(AvatarPictures.pngOfSize(max), "exactly-max.png", "image/png"))
                .andExpect(status().isOk());
        store.delete(tenant, memberId);

        upload(memberId, tenant, file(AvatarPictures.pngOfSize(max + 1), "too-big.png", "image/png"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("file"))
                .andExpect(jsonPath("$.errors[0].message").value("is larger than " + max + " bytes"));
        assertThat(filesOf(memberId)).isZero();
    }

    @Test
    void aMissingOrEmptyFilePartIsRejectedNamingFile() throws Exception {
        mvc.perform(multipart(HttpMethod.PUT, "/me/avatar").file(new MockMultipartFile("picture", "a.png", "image/png",
                        AvatarPictures.png())).with(as(memberId, tenant, "member")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("file"));
        upload(memberId, tenant, file(new byte[0], "empty.png", "image/png"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("file"));
        assertThat(filesOf(memberId)).isZero();
    }

    @Test
    void replacingAnAvatarLeavesExactlyOneGridFsFileAndNoOrphanChunks() throws Exception {
        upload(memberId, tenant, file(AvatarPictures.png(), "first.png", "image/png")).andExpect(status().isOk());
        upload(memberId, tenant, file(AvatarPictures.webp(), "second.webp", "image/webp")).andExpect(status().isOk());
        upload(memberId, tenant, file(AvatarPictures.jpeg(), "third.jpg", "image/jpeg")).andExpect(status().isOk());

        assertThat(filesOf(memberId)).isEqualTo(1);
        assertThat(mongo.getCollection("avatars.chunks").countDocuments()).isEqualTo(chunksOfExistingFiles());
        mvc.perform(get("/members/" + memberId + "/avatar").with(as(colleagueId, tenant, "member")))
                .andExpect(content().contentType(MediaType.IMAGE_JPEG));
    }

    @Test
    void aMemberOfAnotherTenantGets404EvenForTheSameMemberId() throws Exception {
        upload(memberId, tenant, file(AvatarPictures.png(), "me.png", "image/png")).andExpect(status().isOk());
        String otherTenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
        String stranger = join(otherTenant, "Sid Stranger");

        mvc.perform(get("/members/" + memberId + "/avatar").with(as(stranger, otherTenant, "member")))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("Member " + memberId + " was not found"));

        // The same person id joined in the other tenant too: still not the picture uploaded in the first one.
        members.join(otherTenant, memberId, "ada@other.example", "Ada Elsewhere", Tenant.Locale.en,
                MemberEvents.JoinedVia.directory);
        mvc.perform(get("/members/" + memberId + "/avatar").with(as(stranger, otherTenant, "member")))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value("Avatar of member " + memberId + " was not found"));
    }

    @Test
    void aMemberWithoutAvatarAndAnUnknownMemberGet404Problems() throws Exception {
        mvc.perform(get("/members/" + colleagueId + "/avatar").with(as(memberId, tenant, "member")))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("Avatar of member " + colleagueId + " was not found"));
        mvc.perform(get("/members/nobody/avatar").with(as(memberId, tenant, "member")))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value("Member nobody was not found"));
    }

    @Test
    void anErasedMemberHasNoAvatar() throws Exception {
        upload(memberId, tenant, file(AvatarPictures.png(), "me.png", "image/png")).andExpect(status().isOk());
        // Erasure itself drives Keycloak; here only its outcome on the profile matters.
        mongo.updateFirst(query(where("_id").is(tenant + ":" + memberId)), Update.update("status", "ERASED"), "members");

        mvc.perform(get("/members/" + memberId + "/avatar").with(as(colleagueId, tenant, "member")))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("Member " + memberId + " was not found"));
    }

    @Test
    void aSuspendedOrDepartedMembersAvatarIsHiddenFromMembersButNotFromTenantAdmins() throws Exception {
        upload(memberId, tenant, file(AvatarPictures.png(), "me.png", "image/png")).andExpect(status().isOk());

        for (String status : new String[]{"SUSPENDED", "LEFT"}) {
            mongo.updateFirst(query(where("_id").is(tenant + ":" + memberId)), Update.update("status", status),
                    "members");

            // The same answer as for someone who never existed: a picture would tell what the profile hides.
            mvc.perform(get("/members/" + memberId + "/avatar").with(as(colleagueId, tenant, "member")))
                    .andExpect(status().isNotFound())
                    .andExpect(jsonPath("$.detail").value("Member " + memberId + " was not found"));
            mvc.perform(get("/members/" + memberId + "/avatar").with(as(colleagueId, tenant, "member", "tenant-admin")))
                    .andExpect(status().isOk())
                    .andExpect(content().contentType(MediaType.IMAGE_PNG));
        }
    }

    @Test
    void deletingMyAvatarRemovesItAndIsRepeatable() throws Exception {
        upload(memberId, tenant, file(AvatarPictures.png(), "me.png", "image/png")).andExpect(status().isOk());

        mvc.perform(delete("/me/avatar").with(as(memberId, tenant, "member"))).andExpect(status().isNoContent());
        mvc.perform(delete("/me/avatar").with(as(memberId, tenant, "member"))).andExpect(status().isNoContent());

        assertThat(filesOf(memberId)).isZero();
        mvc.perform(get("/members/" + memberId + "/avatar").with(as(colleagueId, tenant, "member")))
                .andExpect(status().isNotFound());
    }

    @Test
    void avatarStoreDeleteRemovesOnlyThatMembersPicture() throws Exception {
        upload(memberId, tenant, file(AvatarPictures.png(), "me.png", "image/png")).andExpect(status().isOk());
        upload(colleagueId, tenant, file(AvatarPictures.jpeg(), "me.jpg", "image/jpeg")).andExpect(status().isOk());

        store.delete(tenant, memberId);

        assertThat(filesOf(memberId)).isZero();
        assertThat(filesOf(colleagueId)).isEqualTo(1);
        assertThat(mongo.getCollection("avatars.chunks").countDocuments()).isEqualTo(chunksOfExistingFiles());
        mvc.perform(get("/members/" + memberId + "/avatar").with(as(colleagueId, tenant, "member")))
                .andExpect(status().isNotFound());
    }

    @Test
    void uploadingBeforeHavingAProfileGets404() throws Exception {
        upload("no-profile-yet", tenant, file(AvatarPictures.png(), "me.png", "image/png"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        assertThat(filesOf("no-profile-yet")).isZero();
    }

    /** Every pixel, as ARGB. */
    private static int[] pixels(byte[] picture) {
        var image = AvatarPictures.decode(picture);
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    /** Blue minus red: positive for #3366CC, negative for #CC6633, whatever JPEG does to the exact values. */
    private static int blueness(int rgb) {
        return (rgb & 0xFF) - (rgb >> 16 & 0xFF);
    }

    private String join(String tenantId, String displayName) {
        String id = UUID.randomUUID().toString();
        members.join(tenantId, id, id + "@example.org", displayName, Tenant.Locale.fr,
                MemberEvents.JoinedVia.directory);
        return id;
    }

    private ResultActions upload(String caller, String tenantId, MockMultipartFile file) throws Exception {
        RequestPostProcessor auth = as(caller, tenantId, "member");
        return mvc.perform(multipart(HttpMethod.PUT, "/me/avatar").file(file).with(auth));
    }

    private static MockMultipartFile file(byte[] bytes, String name, String declaredType) {
        return new MockMultipartFile("file", name, declaredType, bytes);
    }

    private long filesOf(String member) {
        return mongo.getCollection("avatars.files")
                .countDocuments(new Document("metadata.tenantId", tenant).append("metadata.memberId", member));
    }

    /** Chunks whose file still exists: equal to all chunks when nothing was orphaned. */
    private long chunksOfExistingFiles() {
        var ids = new HashSet<Object>();
        mongo.getCollection("avatars.files").find().forEach(file -> ids.add(file.get("_id")));
        long count = 0;
        for (Document chunk : mongo.getCollection("avatars.chunks").find()) {
            if (ids.contains(chunk.get("files_id"))) {
                count++;
            }
        }
        return count;
    }
}
