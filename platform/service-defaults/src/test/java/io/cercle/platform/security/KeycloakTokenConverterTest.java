package io.cercle.platform.security;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.cercle.platform.security.test.Tokens.keycloakJwt;
import static org.assertj.core.api.Assertions.assertThat;

class KeycloakTokenConverterTest {

    private final KeycloakTokenConverter converter = new KeycloakTokenConverter();

    @Test
    void realmRolesBecomeRoleAuthorities() {
        var authentication = converter.convert(keycloakJwt("u1", List.of("acme"), "member", "tenant-admin"));

        assertThat(authentication.getAuthorities()).extracting(Object::toString)
                .containsExactlyInAnyOrder("ROLE_member", "ROLE_tenant-admin");
        assertThat(((MemberAuthentication) authentication).member().roles())
                .containsExactlyInAnyOrder("member", "tenant-admin");
    }

    @Test
    void theOrganizationListNamesTheTenant() {
        var member = ((MemberAuthentication) converter.convert(keycloakJwt("u1", List.of("acme"), "member"))).member();

        assertThat(member.tenantId()).contains("acme");
        assertThat(member.memberId()).isEqualTo("u1");
        assertThat(member.username()).isEqualTo("u1-name");
    }

    @Test
    void theOrganizationObjectKeyedByAliasNamesTheTenant() {
        var jwt = keycloakJwt("u1", Map.of("acme", Map.of("id", "0b5e")), "member");

        assertThat(((MemberAuthentication) converter.convert(jwt)).member().tenantId()).contains("acme");
    }

    @Test
    void aTokenWithSeveralOrganizationsNamesNoTenant() {
        var member = ((MemberAuthentication) converter.convert(keycloakJwt("u1", List.of("acme", "globex"), "member")))
                .member();

        assertThat(member.tenantId()).isEmpty();
    }

    @Test
    void aTokenWithoutOrganizationNamesNoTenantAndRequiringOneFails() {
        var member = ((MemberAuthentication) converter.convert(keycloakJwt("admin", null, "platform-admin")))
                .member();

        assertThat(member.tenantId()).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(member::requireTenant)
                .isInstanceOf(NoTenantException.class);
    }
}
