package io.cercle.identity.keycloak;

import io.cercle.platform.problem.ConflictException;
import io.cercle.platform.problem.DependencyUnavailableException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.OrganizationDomainRepresentation;
import org.keycloak.representations.idm.OrganizationRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

import java.util.List;
import java.util.Optional;
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

    /**
     * Creates the organization of a tenant; returns its Keycloak id. Its domains are marked verified: Cercle hands
     * Keycloak approved domains only.
     *
     * @throws ConflictException when Keycloak holds an organization with this alias or one of these domains
     */
    public String createOrganization(String alias, String name, List<String> domains) {
        var organization = new OrganizationRepresentation();
        organization.setAlias(alias);
        organization.setName(name);
        organization.setEnabled(true);
        for (String domain : domains) {
            organization.addDomain(verified(domain));
        }
        return call("create organization " + alias, () -> {
            try (Response response = realm().organizations().create(organization)) {
                refuseConflict(response, "Keycloak already has an organization with the alias " + alias
                        + " or one of the domains " + domains);
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

    public Optional<String> findUserIdByEmail(String email) {
        return call("find user", () -> realm().users().searchByEmail(email, true).stream()
                .map(UserRepresentation::getId).findFirst());
    }

    /** Creates an enabled user whose email is verified (they proved it by using the invitation sent there). */
    public String createUser(String email, String displayName, String password) {
        var user = new UserRepresentation();
        user.setUsername(email);
        user.setEmail(email);
        user.setEmailVerified(true);
        user.setEnabled(true);
        // Keycloak's default user profile requires both names, else sign-in stops at "account not fully set up".
        int space = displayName.lastIndexOf(' ');
        user.setFirstName(space > 0 ? displayName.substring(0, space) : displayName);
        user.setLastName(space > 0 ? displayName.substring(space + 1) : displayName);
        var credential = new CredentialRepresentation();
        credential.setType(CredentialRepresentation.PASSWORD);
        credential.setValue(password);
        credential.setTemporary(false);
        user.setCredentials(List.of(credential));
        return call("create user", () -> {
            try (Response response = realm().users().create(user)) {
                return CreatedResponseUtil.getCreatedId(response);
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

    /**
     * Sets the organization's name and domains (all of them, marked verified: Cercle hands Keycloak approved domains
     * only).
     *
     * @throws ConflictException when one of the domains belongs to another organization
     */
    public void updateOrganization(String organizationId, String name, List<String> domains) {
        call("update organization", () -> {
            var organization = realm().organizations().get(organizationId);
            var representation = organization.toRepresentation();
            representation.setName(name);
            if (representation.getDomains() != null) {
                List.copyOf(representation.getDomains()).forEach(representation::removeDomain);
            }
            for (String domain : domains) {
                representation.addDomain(verified(domain));
            }
            try (Response response = organization.update(representation)) {
                refuseConflict(response, "One of the domains " + domains + " belongs to another organization");
                if (response.getStatus() >= 300) {
                    throw new WebApplicationException(response);
                }
            }
            return null;
        });
    }

    private static OrganizationDomainRepresentation verified(String domain) {
        var representation = new OrganizationDomainRepresentation(domain);
        representation.setVerified(true);
        return representation;
    }

    /**
     * An organization that clashes with another one (its alias, a domain) is a conflict for the caller (409), never a
     * 503 that invites a retry bound to fail the same way. Keycloak 26 answers 409 for a taken alias but 400 "Domain
     * … is already linked to organization …" for a taken domain (TenantDomainsTest pins both on the real server).
     */
    private static void refuseConflict(Response response, String message) {
        int status = response.getStatus();
        if (status == Response.Status.CONFLICT.getStatusCode()) {
            throw new ConflictException(message);
        }
        if (status == Response.Status.BAD_REQUEST.getStatusCode()) {
            String body = response.hasEntity() ? response.readEntity(String.class) : "";
            if (body.contains("already linked")) {
                throw new ConflictException(message);
            }
            throw new WebApplicationException("Keycloak refused the organization: " + body, response);
        }
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
