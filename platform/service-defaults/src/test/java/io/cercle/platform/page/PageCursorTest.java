package io.cercle.platform.page;

import io.cercle.platform.problem.FieldError;
import io.cercle.platform.problem.InvalidRequestException;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.data.domain.KeysetScrollPosition;
import org.springframework.data.domain.Sort;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.data.domain.Sort.Order.desc;

/** The cursor codec and its checks, without Spring or MongoDB. */
class PageCursorTest {

    private static final KeysetList DELIVERIES = KeysetList.named("deliveries", Sort.by(desc("createdAt")));
    private static final KeysetList INVITATIONS = KeysetList.named("invitations", Sort.by(desc("createdAt")));

    @Test
    void aCursorReadsBackWithItsListTenantAndTypedKeys() {
        var date = Date.from(Instant.parse("2026-11-22T09:30:00.123Z"));
        var objectId = new ObjectId();
        var cursor = new PageCursor("deliveries", "acme", Map.of("createdAt", date, "id", "acme:member-1:welcome",
                "n", 42L, "i", 7, "o", objectId));

        var decoded = PageCursor.decode(cursor.encode());

        assertThat(decoded).isEqualTo(cursor);
        assertThat(decoded.keys().get("createdAt")).isInstanceOf(Date.class);
        assertThat(decoded.keys().get("n")).isInstanceOf(Long.class);
        assertThat(decoded.keys().get("i")).isInstanceOf(Integer.class);
        assertThat(cursor.encode()).doesNotContain("acme").matches("[A-Za-z0-9_-]+");
    }

    @Test
    void anInstantKeyTravelsAsTheDateMongoStores() {
        var cursor = new PageCursor("deliveries", null, Map.of("createdAt", Instant.parse("2026-11-22T09:30:00Z")));

        assertThat(PageCursor.decode(cursor.encode()).keys().get("createdAt"))
                .isEqualTo(Date.from(Instant.parse("2026-11-22T09:30:00Z")));
    }

    @Test
    void theCursorOfAListIsAcceptedByThatListInThatTenant() {
        String next = new PageCursor("deliveries", "acme", Map.of("createdAt", new Date(0), "id", "x")).encode();

        KeysetScrollPosition position = DELIVERIES.position("acme", next);

        assertThat(position.getKeys()).containsEntry("id", "x").containsEntry("createdAt", new Date(0));
        assertThat(position.scrollsForward()).isTrue();
        assertThat(DELIVERIES.position("acme", null).isInitial()).isTrue();
        assertThat(DELIVERIES.position("acme", " ").isInitial()).isTrue();
    }

    @Test
    void aCursorOfAnotherListIsRefusedNamingCursor() {
        String invitations = new PageCursor("invitations", "acme", Map.of("createdAt", new Date(0), "id", "x")).encode();

        assertRefused(() -> DELIVERIES.position("acme", invitations), "belongs to another list");
        assertThat(INVITATIONS.position("acme", invitations).getKeys()).containsEntry("id", "x");
    }

    @Test
    void aCursorWithOtherKeysThanTheListsOrderIsRefused() {
        String missingId = new PageCursor("deliveries", "acme", Map.of("createdAt", new Date(0))).encode();
        String extraKey = new PageCursor("deliveries", "acme", Map.of("createdAt", new Date(0), "id", "x",
                "tenantId", "other")).encode();

        assertRefused(() -> DELIVERIES.position("acme", missingId), "is not a cursor this service issued");
        assertRefused(() -> DELIVERIES.position("acme", extraKey), "is not a cursor this service issued");
    }

    @Test
    void aCursorIssuedInAnotherTenantOrForAPlatformListIsRefused() {
        String acme = new PageCursor("deliveries", "acme", Map.of("createdAt", new Date(0), "id", "x")).encode();
        String platform = new PageCursor("deliveries", null, Map.of("createdAt", new Date(0), "id", "x")).encode();

        assertRefused(() -> DELIVERIES.position("globex", acme), "was issued in another tenant");
        assertRefused(() -> DELIVERIES.position(null, acme), "was issued in another tenant");
        assertRefused(() -> DELIVERIES.position("acme", platform), "was issued in another tenant");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-a-cursor!", "bm90aGluZw", "fDEyMw", "W10", "e30",
            // {"l":"deliveries","k":{"_id":{"$ne":null},"createdAt":1}}: an operator where a value belongs
            "eyJsIjoiZGVsaXZlcmllcyIsImsiOnsiX2lkIjp7IiRuZSI6bnVsbH0sImNyZWF0ZWRBdCI6MX19",
            // {"l":"deliveries","k":{}}
            "eyJsIjoiZGVsaXZlcmllcyIsImsiOnt9fQ"})
    void aStringThatIsNotACursorWeIssuedIsRefusedNamingCursor(String value) {
        assertRefused(() -> DELIVERIES.position(null, value), "is not a cursor this service issued");
    }

    @Test
    void anOverlongCursorIsRefusedBeforeDecoding() {
        String huge = Base64.getUrlEncoder().encodeToString(("{\"l\":\"deliveries\",\"k\":{\"_id\":\""
                + "x".repeat(2000) + "\",\"createdAt\":1}}").getBytes(StandardCharsets.UTF_8));

        assertRefused(() -> DELIVERIES.position(null, huge), "is not a cursor this service issued");
    }

    @Test
    void anOrderNamingTheIdIsRefusedSinceSpringDataOrdersTiesByIdItself() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> KeysetList.named("x", Sort.by(desc("createdAt"), desc("id"))));
    }

    private static void assertRefused(Runnable decoding, String message) {
        assertThatThrownBy(decoding::run).isInstanceOf(InvalidRequestException.class)
                .extracting(e -> ((InvalidRequestException) e).errors())
                .isEqualTo(java.util.List.of(new FieldError("cursor", message)));
    }
}
