package io.cercle.identity.tenant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which domains no tenant may claim (no Spring needed). */
class PublicMailDomainsTest {

    private final PublicMailDomains builtIn = PublicMailDomains.builtInAnd(List.of());

    @ParameterizedTest
    @ValueSource(strings = {"gmail.com", "googlemail.com", "hotmail.com", "hotmail.fr", "hotmail.co.uk", "live.com",
            "outlook.fr", "yahoo.com", "yahoo.fr", "yahoo.co.jp", "yahoo.com.br", "icloud.com", "me.com", "aol.com",
            "gmx.de", "gmx.net", "proton.me", "protonmail.com", "orange.fr", "free.fr", "laposte.net", "wanadoo.fr",
            "sfr.fr", "yandex.ru", "yandex.com", "mail.ru", "qq.com", "yopmail.com",
            // Subdomains of public domains are public too.
            "mail.gmail.com", "eu.mail.yahoo.co.uk"})
    void publicMailDomainsAreRecognised(String domain) {
        assertThat(builtIn.isPublic(domain)).as(domain).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"acme.com", "acme.fr", "gmail.acme.com", "yahoo.acme.com", "gmx.mycompany.de",
            "hotmailer.com", "orange-business.com", "tenant-a.cercle.test", "free.org", "com"})
    void organisationsDomainsAreNot(String domain) {
        assertThat(builtIn.isPublic(domain)).as(domain).isFalse();
    }

    @Test
    void operatorsAddDomainsAndBrands() {
        var extended = PublicMailDomains.builtInAnd(List.of("regional-isp.example", "webmailer.*"));

        assertThat(extended.isPublic("regional-isp.example")).isTrue();
        assertThat(extended.isPublic("webmailer.fr")).isTrue();
        assertThat(extended.isPublic("webmailer.co.uk")).isTrue();
        assertThat(extended.isPublic("gmail.com")).isTrue();
        assertThat(builtIn.isPublic("regional-isp.example")).isFalse();
    }

    @Test
    void anEntryOfAnotherShapeIsRefused() {
        assertThatThrownBy(() -> new PublicMailDomains(List.of("*.example.com")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("*.example.com");
    }
}
