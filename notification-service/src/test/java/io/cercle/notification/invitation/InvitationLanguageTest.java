package io.cercle.notification.invitation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class InvitationLanguageTest {

    @ParameterizedTest(name = "invitation {0} -> {1}")
    @CsvSource(nullValues = "null", textBlock = """
            fr,    fr
            en,    en
            en-GB, en
            de,    fr
            '',    fr
            null,  fr
            """)
    void theInvitationsLanguageElseFrench(String locale, String expected) {
        assertThat(InvitationJourney.languageOf(locale).getLanguage()).isEqualTo(expected);
    }

    @Test
    void theExpiryIsADateAndAUtcTimeInTheEmailsLanguage() {
        Instant expiresAt = Instant.parse("2026-12-03T14:30:00Z");

        assertThat(InvitationJourney.expiryIn(expiresAt, Locale.FRENCH)).isEqualTo("3 décembre 2026, 14:30 UTC");
        assertThat(InvitationJourney.expiryIn(expiresAt, Locale.ENGLISH)).isEqualTo("December 3, 2026, 14:30 UTC");
    }
}
