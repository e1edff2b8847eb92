package io.cercle.identity.avatar;

import io.cercle.identity.IdentityServiceTest;
import io.cercle.identity.member.MemberEvents;
import io.cercle.identity.member.MemberService;
import io.cercle.identity.tenant.Tenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static io.cercle.identity.IdentityMother.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * What an avatar keeps of its upload: the pixels, and nothing else (EXIF, GPS, hidden chunks); and how large in
 * pixels a picture may be, checked from its header before any pixel is decoded. Default limits: 4096 × 4096.
 */
@IdentityServiceTest
class AvatarReencodingTest {

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

    @BeforeEach
    void aMember() {
        tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
        memberId = UUID.randomUUID().toString();
        members.join(tenant, memberId, memberId + "@example.org", "Exif Free", Tenant.Locale.en,
                MemberEvents.JoinedVia.directory);
    }

    @Test
    void aJpegsExifWithItsGpsPositionIsGoneFromWhatIsStoredAndServed() throws Exception {
        byte[] upload = AvatarPictures.jpegWithExif(8, 6, 1);
        // The test's own picture does carry what must go.
        assertThat(AvatarPictures.segmentMarkers(upload)).contains(0xE1);
        assertThat(new String(upload, StandardCharsets.ISO_8859_1)).contains("Exif", AvatarPictures.CAMERA);

        upload(upload).andExpect(status().isOk()).andExpect(jsonPath("$.contentType").value("image/jpeg"));

        byte[] served = served();
        byte[] stored = store.find(tenant, memberId).orElseThrow().bytes();
        assertThat(served).isEqualTo(stored);
        // Only the JFIF header (APP0) and the image's own segments: no APP1 (EXIF, XMP) or other APPn, no comment.
        assertThat(AvatarPictures.segmentMarkers(served))
                .doesNotContain(0xE1, 0xE2, 0xE3, 0xE4, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9, 0xEA, 0xEB, 0xEC, 0xED, 0xEE,
                        0xEF, 0xFE)
                .contains(0xE0, 0xDA);
        String text = new String(served, StandardCharsets.ISO_8859_1);
        assertThat(text).doesNotContain("Exif").doesNotContain(AvatarPictures.CAMERA).doesNotContain("MM\0*");
        var picture = AvatarPictures.decode(served);
        assertThat(picture.getWidth()).isEqualTo(8);
        assertThat(picture.getHeight()).isEqualTo(6);
    }

    @Test
    void aJpegsExifOrientationIsAppliedToThePixelsBeforeTheExifGoes() throws Exception {
        // Orientation 6: stored as 8×6 landscape with the picture's top on the left; shown turned 90° clockwise.
        upload(AvatarPictures.jpegWithExif(8, 6, 6)).andExpect(status().isOk());

        var picture = AvatarPictures.decode(served());

        assertThat(picture.getWidth()).isEqualTo(6);
        assertThat(picture.getHeight()).isEqualTo(8);
        // The stored left half (blue) is now the top half, the right half (orange) the bottom.
        assertThat(blueness(picture.getRGB(3, 1))).isPositive();
        assertThat(blueness(picture.getRGB(3, 6))).isNegative();
    }

    @Test
    void hiddenPngChunksAreGone() throws Exception {
        byte[] padded = AvatarPictures.pngOfSize(4_000);
        assertThat(new String(padded, StandardCharsets.ISO_8859_1)).contains("prVt");

        upload(padded).andExpect(status().isOk());

        byte[] served = served();
        assertThat(new String(served, StandardCharsets.ISO_8859_1)).doesNotContain("prVt");
        assertThat(served.length).isLessThan(1_000);
    }

    @Test
    void aPictureOfTheMaximumDimensionsIsAcceptedAndOnePixelMoreIsRefusedNamingFile() throws Exception {
        upload(AvatarPictures.png(4096, 1)).andExpect(status().isOk());
        upload(AvatarPictures.png(1, 4096)).andExpect(status().isOk());
        store.delete(tenant, memberId);

        upload(AvatarPictures.png(4097, 1))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("file"))
                .andExpect(jsonPath("$.errors[0].message").value("is 4097×1 pixels; at most 4096×4096 are accepted"));
        upload(AvatarPictures.png(1, 4097))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].message").value("is 1×4097 pixels; at most 4096×4096 are accepted"));
        assertThat(store.find(tenant, memberId)).isEmpty();
    }

    @Test
    void aDecompressionBombIsRefusedFromItsHeaderWithoutDecodingAPixel() throws Exception {
        // 50,000 × 50,000 RGBA would be 10 GB decoded. Its pixel data here is nonsense: a service that decoded
        // before checking would answer "could not be decoded"; the header alone must have refused it.
        upload(AvatarPictures.pngHeaderClaiming(50_000, 50_000))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("file"))
                .andExpect(jsonPath("$.errors[0].message")
                        .value("is 50000×50000 pixels; at most 4096×4096 are accepted"));
        assertThat(store.find(tenant, memberId)).isEmpty();
    }

    @Test
    void aFileWithAPictureSignatureButNoPictureInsideIsRefusedNamingFile() throws Exception {
        upload(AvatarPictures.brokenPng())
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("file"))
                .andExpect(jsonPath("$.errors[0].message").value("could not be decoded as a PNG picture"));
        assertThat(store.find(tenant, memberId)).isEmpty();
    }

    private ResultActions upload(byte[] picture) throws Exception {
        return mvc.perform(multipart(HttpMethod.PUT, "/me/avatar")
                .file(new MockMultipartFile("file", "upload", "application/octet-stream", picture))
                .with(as(memberId, tenant, "member")));
    }

    private byte[] served() throws Exception {
        return mvc.perform(get("/members/" + memberId + "/avatar").with(as(memberId, tenant, "member")))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray();
    }

    /** Blue minus red: positive for #3366CC, negative for #CC6633, whatever JPEG does to the exact values. */
    private static int blueness(int rgb) {
        return (rgb & 0xFF) - (rgb >> 16 & 0xFF);
    }
}
