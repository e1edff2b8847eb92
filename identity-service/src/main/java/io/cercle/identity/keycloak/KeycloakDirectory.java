package io.cercle.identity.keycloak;

import io.cercle.platform.problem.ConflictException;
import io.cercle.platform.problem.DependencyUnavailableException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.OrganizationDomainRepresentation;
import org.keycloak.representations.idm.OrganizationRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Cercle's view of Keycloak: tenants are organizations of one realm, members are its users and that organization's
 * members, a tenant's administrators are its organization's group {@value #ADMINS_GROUP} (roles scoped to one
 * tenant, docs/adr/0009-roles-scoped-to-one-tenant.md). Every failure to reach Keycloak becomes a {@link DependencyUnavailableException} (503).
 */
public class KeycloakDirectory {

    /** The organization group whose members administer that organization's tenant. */
    public static final String ADMINS_GROUP = "admins";
    /** The client holding Cercle's tenant roles; also the audience of Cercle's access tokens. */
    static final String API_CLIENT = "cercle-api";
    static final String TENANT_ADMIN_ROLE = "tenant-admin";

    private final Keycloak keycloak;
    private final String realm;

    public KeycloakDirectory(Keycloak keycloak, String realm) {
        this.keycloak = keycloak;
        this.realm = realm;
    }

    /**
     * Creates the organization of a tenant with its group {@value #ADMINS_GROUP} (client role
     * {@code cercle-api/tenant-admin}); returns the organization's Keycloak id. If the group cannot be made, the
     * organization is removed again: a tenant whose admins could not be named is not half-created. Its domains are
     * marked verified: Cercle hands Keycloak approved domains only.
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
        String organizationId = call("create organization " + alias, () -> {
            try (Response response = realm().organizations().create(organization)) {
                refuseConflict(response, "Keycloak already has an organization with the alias " + alias
                        + " or one of the domains " + domains);
                return CreatedResponseUtil.getCreatedId(response);
            }
        });
        try {
            adminsGroupId(organizationId);
        } catch (RuntimeException e) {
            deleteOrganization(organizationId);
            throw e;
        }
        return organizationId;
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

    /**
     * Makes the user an administrator of this organization only, or no longer: membership of the organization's
     * {@value #ADMINS_GROUP} group, whose client role reaches the token inside that organization's entry
     * (docs/adr/0009). The user must be a member of the organization.
     */
    public void setTenantAdmin(String organizationId, String userId, boolean admin) {
        call(admin ? "grant tenant-admin" : "revoke tenant-admin", () -> {
            var group = realm().organizations().get(organizationId).groups().group(adminsGroupId(organizationId));
            if (admin) {
                group.addMember(userId);
            } else {
                try {
                    group.removeMember(userId);
                } catch (NotFoundException notAMember) {
                    // Already not an administrator (or no longer in the organization): nothing to revoke.
                }
            }
            return null;
        });
    }

    /** Whether the user is in the organization's {@value #ADMINS_GROUP} group, as Keycloak says. */
    public boolean isTenantAdmin(String organizationId, String userId) {
        return call("read organization groups", () -> realm().organizations().get(organizationId).members()
                .member(userId).groups(0, 100, true).stream().anyMatch(group -> ADMINS_GROUP.equals(group.getName())));
    }

    /** The aliases of the organizations the user belongs to. */
    public List<String> organizationsOf(String userId) {
        return call("list the user's organizations", () -> realm().organizations().members()
                .getOrganizations(userId, true).stream().map(OrganizationRepresentation::getAlias).toList());
    }

    /** Whether the user holds the realm role (e.g. platform-admin, which no tenant admin may take away). */
    public boolean hasRealmRole(String userId, String role) {
        return call("read realm roles", () -> realm().users().get(userId).roles().realmLevel().listEffective().stream()
                .anyMatch(mapped -> role.equals(mapped.getName())));
    }

    /** The id of the organization's admins group, made (with its client role) if the organization has none yet. */
    private String adminsGroupId(String organizationId) {
        return call("find the admins group", () -> {
            var groups = realm().organizations().get(organizationId).groups();
            try {
                return groups.getGroupByPath(ADMINS_GROUP, false).getId();
            } catch (NotFoundException absent) {
                var group = new GroupRepresentation();
                group.setName(ADMINS_GROUP);
                String groupId;
                try (Response response = groups.addTopLevelGroup(group)) {
                    groupId = CreatedResponseUtil.getCreatedId(response);
                }
                var api = realm().clients().findByClientId(API_CLIENT).stream().findFirst().orElseThrow(() ->
                        new IllegalStateException("Realm " + realm + " has no client " + API_CLIENT));
                var role = realm().clients().get(api.getId()).roles().get(TENANT_ADMIN_ROLE).toRepresentation();
                groups.group(groupId).roles().clientLevel(api.getId()).add(List.of(role));
                return groupId;
            }
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

    /** An organization as Cercle needs it to adopt it as a tenant. */
    public record Organization(String id, String alias, String name, List<String> domains) {
    }

    /** A member of an organization as Cercle needs it to record them. */
    public record OrganizationMember(String userId, String email, String displayName) {
    }

    public Optional<Organization> findOrganization(String alias) {
        // Keycloak searches organizations by name or domain, not by alias: page through them (adoption only).
        return call("find organization " + alias, () -> {
            int page = 100;
            for (int first = 0; ; first += page) {
                var batch = realm().organizations().list(first, page);
                var found = batch.stream().filter(organization -> alias.equals(organization.getAlias())).findFirst();
                if (found.isPresent() || batch.size() < page) {
                    return found;
                }
            }
        }).map(organization -> new Organization(organization.getId(), organization.getAlias(),
                        organization.getName(), organization.getDomains() == null ? List.of()
                        : organization.getDomains().stream().map(OrganizationDomainRepresentation::getName).sorted()
                        .toList()));
    }

    public List<OrganizationMember> organizationMembers(String organizationId) {
        return call("list organization members", () -> realm().organizations().get(organizationId).members()
                .list(-1, -1).stream().map(member -> new OrganizationMember(member.getId(),
                        member.getEmail() == null ? "" : member.getEmail(), displayName(member))).toList());
    }

    private static String displayName(UserRepresentation user) {
        String name = ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
                + (user.getLastName() == null ? "" : user.getLastName())).strip();
        return name.isEmpty() ? user.getUsername() : name;
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
