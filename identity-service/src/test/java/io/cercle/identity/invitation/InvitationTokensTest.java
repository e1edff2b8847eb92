package io.cercle.identity.invitation;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InvitationTokensTest {

    private final InvitationTokens tokens = new InvitationTokens("a-secret-of-at-least-thirty-two-characters");
    private final Instant now = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void aGenuineUnexpiredTokenNamesItsInvitation() {
        String token = tokens.issue("inv-1", now.plus(Duration.ofDays(7)));

        assertThat(tokens.verify(token, now)).contains("inv-1");
    }

    @Test
    void anExpiredTokenIsRefused() {
        String token = tokens.issue("inv-1", now.minusSeconds(1));

        assertThat(tokens.verify(token, now)).isEmpty();
    }

    @Test
    void aTokenWhoseExpiryWasEditedIsRefused() {
        String token = tokens.issue("inv-1", now.minusSeconds(60));
        String forgedPayload = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("inv-1." + now.plus(Duration.ofDays(30)).getEpochSecond()).getBytes());

        assertThat(tokens.verify(forgedPayload + token.substring(token.indexOf('.')), now)).isEmpty();
    }

    @Test
    void aTokenSignedWithAnotherSecretIsRefused() {
        String foreign = new InvitationTokens("another-secret-of-thirty-two-characters!!")
                .issue("inv-1", now.plus(Duration.ofDays(7)));

        assertThat(tokens.verify(foreign, now)).isEmpty();
    }

    @Test
    void malformedTokensAreRefusedWithoutErrors() {
        assertThat(tokens.verify("", now)).isEmpty();
        assertThat(tokens.verify("not-a-token", now)).isEmpty();
        assertThat(tokens.verify("a.b.c", now)).isEmpty();
        assertThat(tokens.verify("%%%.###", now)).isEmpty();
        assertThat(tokens.verify(null, now)).isEmpty();
    }

    @Test
    void aShortSecretIsRejectedAtStartup() {
        assertThatThrownBy(() -> new InvitationTokens("short")).isInstanceOf(IllegalArgumentException.class);
    }
}
