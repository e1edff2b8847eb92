package io.cercle.identity.keycloak;

import io.cercle.platform.problem.DependencyUnavailableException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.OrganizationDomainRepresentation;
import org.keycloak.representations.idm.OrganizationRepresentation;

import java.util.List;
import java.util.function.Supplier;

/**
 * Cercle's view of Keycloak: tenants are organizations of one realm, members are its users, roles are realm
 * roles. Every failure to reach Keycloak becomes a {@link DependencyUnavailableException} (503).
 */
public class KeycloakDirectory {

    private final Keycloak keycloak;
    private final String realm;

    public KeycloakDirectory(Keycloak keycloak, String realm) {
        this.keycloak = keycloak;
        this.realm = realm;
    }

    /** Creates the organization of a tenant; returns its Keycloak id. */
    public String createOrganization(String alias, String name, List<String> domains) {
        var organization = new OrganizationRepresentation();
        organization.setAlias(alias);
        organization.setName(name);
        organization.setEnabled(true);
        for (String domain : domains) {
            organization.addDomain(new OrganizationDomainRepresentation(domain));
        }
        return call("create organization " + alias, () -> {
            try (Response response = realm().organizations().create(organization)) {
                return CreatedResponseUtil.getCreatedId(response);
            }
        });
    }

    public void deleteOrganization(String organizationId) {
        call("delete organization " + organizationId, () -> {
            try (Response ignored = realm().organizations().get(organizationId).delete()) {
                return null;
            }
        });
    }

    /** Adds the user to the organization; adding an existing member changes nothing. */
    public void addOrganizationMember(String organizationId, String userId) {
        call("add organization member", () -> {
            // One call whatever the organization's size: Keycloak answers 409 for an existing member.
            try (Response response = realm().organizations().get(organizationId).members().addMember(userId)) {
                if (response.getStatus() >= 300 && response.getStatus() != 409) {
                    throw new WebApplicationException(response);
                }
            }
            return null;
        });
    }

    /** Removes the user from the organization; their next token no longer names the tenant. */
    public void removeOrganizationMember(String organizationId, String userId) {
        call("remove organization member", () -> {
            try (Response response = realm().organizations().get(organizationId).members().member(userId).delete()) {
                if (response.getStatus() >= 300 && response.getStatus() != 404) {
                    throw new WebApplicationException(response);
                }
            }
            return null;
        });
    }

    public void grantRealmRole(String userId, String role) {
        call("grant role " + role, () -> {
            var representation = realm().roles().get(role).toRepresentation();
            realm().users().get(userId).roles().realmLevel().add(List.of(representation));
            return null;
        });
    }

    public void revokeRealmRole(String userId, String role) {
        call("revoke role " + role, () -> {
            var representation = realm().roles().get(role).toRepresentation();
            realm().users().get(userId).roles().realmLevel().remove(List.of(representation));
            return null;
        });
    }

    /** A disabled user cannot sign in; tokens already issued live until they expire (minutes). */
    public void setEnabled(String userId, boolean enabled) {
        call(enabled ? "enable user" : "disable user", () -> {
            var user = realm().users().get(userId);
            var representation = user.toRepresentation();
            representation.setEnabled(enabled);
            user.update(representation);
            return null;
        });
    }

    /** Removes the user and everything Keycloak holds about them (GDPR erasure); an absent user is fine. */
    public void deleteUser(String userId) {
        call("delete user", () -> {
            try (Response response = realm().users().delete(userId)) {
                if (response.getStatus() >= 300 && response.getStatus() != 404) {
                    throw new WebApplicationException(response);
                }
            }
            return null;
        });
    }

    public void updateOrganization(String organizationId, String name, List<String> domains) {
        call("update organization", () -> {
            var organization = realm().organizations().get(organizationId);
            var representation = organization.toRepresentation();
            representation.setName(name);
            if (representation.getDomains() != null) {
                List.copyOf(representation.getDomains()).forEach(representation::removeDomain);
            }
            for (String domain : domains) {
                representation.addDomain(new OrganizationDomainRepresentation(domain));
            }
            try (Response response = organization.update(representation)) {
                if (response.getStatus() >= 300) {
                    throw new WebApplicationException(response);
                }
            }
            return null;
        });
    }

    private RealmResource realm() {
        return keycloak.realm(realm);
    }

    private static <T> T call(String what, Supplier<T> action) {
        try {
            return action.get();
        } catch (ProcessingException | WebApplicationException e) {
            throw new DependencyUnavailableException("Keycloak could not " + what, e);
        }
    }
}
