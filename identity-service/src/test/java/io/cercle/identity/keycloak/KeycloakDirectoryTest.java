package io.cercle.identity.keycloak;

import io.cercle.identity.IdentityServiceTest;
import io.cercle.testsupport.TestKeycloak;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.UserRepresentation;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The directory against the real Keycloak: adding a member twice is no error and leaves one membership. */
@IdentityServiceTest
class KeycloakDirectoryTest {

    @Autowired
    KeycloakDirectory directory;

    @Autowired
    Keycloak keycloak;

    @Test
    void addingAnExistingMemberAgainChangesNothing() {
        String alias = "dir-" + UUID.randomUUID().toString().substring(0, 8);
        String organization = directory.createOrganization(alias, "Directory " + alias, List.of());
        String user = registered(alias + "@directory.example");

        directory.addOrganizationMember(organization, user);
        directory.addOrganizationMember(organization, user);

        var members = keycloak.realm(TestKeycloak.get().realm()).organizations().get(organization).members().list(-1, -1);
        assertThat(members).extracting(member -> member.getId()).containsExactly(user);
    }

    /** A user as Keycloak's registration makes them: identity-service itself never creates accounts. */
    private String registered(String email) {
        var user = new UserRepresentation();
        user.setUsername(email);
        user.setEmail(email);
        user.setEmailVerified(true);
        user.setEnabled(true);
        try (var response = keycloak.realm(TestKeycloak.get().realm()).users().create(user)) {
            return CreatedResponseUtil.getCreatedId(response);
        }
    }
}
