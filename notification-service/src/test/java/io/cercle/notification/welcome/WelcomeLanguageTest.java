package io.cercle.notification.welcome;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class WelcomeLanguageTest {

    @ParameterizedTest(name = "member {0}, tenant {1} -> {2}")
    @CsvSource(nullValues = "null", textBlock = """
            fr,    en,   fr
            en,    fr,   en
            en-GB, fr,   en
            fr_CA, en,   fr
            de,    en,   en
            null,  en,   en
            '',    en,   en
            de,    null, fr
            null,  null, fr
            de,    es,   fr
            """)
    void theMembersLanguageWinsThenTheTenantsThenFrench(String member, String tenant, String expected) {
        assertThat(WelcomeJourney.languageOf(member, tenant).getLanguage()).isEqualTo(expected);
    }
}
