package io.cercle.identity.adoption;

import io.cercle.identity.keycloak.KeycloakDirectory;
import io.cercle.identity.member.MemberEvents;
import io.cercle.identity.member.MemberService;
import io.cercle.identity.tenant.Tenant;
import io.cercle.identity.tenant.TenantService;
import io.cercle.platform.problem.DependencyUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Takes on the organizations named in {@code cercle.adoption.organizations} as tenants, with their members (the
 * members of the organization's admins group as tenant admins), every few seconds until each is done: Keycloak may
 * start after this service. Until then this is a readiness check ("adoption" DOWN), so that the local run reports
 * ready only once its demo tenant answers. Each step is idempotent (tenant by alias, member by tenant and id), so
 * replicas adopting at the same time, or a retry after a failure half-way, add nothing twice: no lock is needed.
 */
@Component("adoption")
@EnableConfigurationProperties(AdoptionProperties.class)
class OrganizationAdoption implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(OrganizationAdoption.class);

    private final AdoptionProperties properties;
    private final KeycloakDirectory keycloak;
    private final TenantService tenants;
    private final MemberService members;
    private final Set<String> adopted = ConcurrentHashMap.newKeySet();

    OrganizationAdoption(AdoptionProperties properties, KeycloakDirectory keycloak, TenantService tenants,
                         MemberService members) {
        this.properties = properties;
        this.keycloak = keycloak;
        this.tenants = tenants;
        this.members = members;
    }

    @Scheduled(initialDelay = 0, fixedDelayString = "${cercle.adoption.retry-every:3s}")
    void adoptPending() {
        for (String alias : properties.organizations()) {
            if (adopted.contains(alias)) {
                continue;
            }
            try {
                adopt(alias);
                adopted.add(alias);
            } catch (DependencyUnavailableException e) {
                log.info("Organization {} not adopted yet ({}); retrying", alias, e.getMessage());
            }
        }
    }

    private void adopt(String alias) {
        var organization = keycloak.findOrganization(alias).orElseThrow(() ->
                new DependencyUnavailableException("Keycloak has no organization " + alias + " (yet)", null));
        Tenant tenant = tenants.adopt(alias, organization.name(), organization.id(), organization.domains(),
                properties.locale());
        for (var member : keycloak.organizationMembers(organization.id())) {
            boolean admin = keycloak.isTenantAdmin(organization.id(), member.userId());
            if (admin) {
                members.joinAsTenantAdmin(tenant.alias(), member.userId(), member.email(), member.displayName(),
                        tenant.defaultLocale(), MemberEvents.JoinedVia.directory);
            } else {
                members.join(tenant.alias(), member.userId(), member.email(), member.displayName(),
                        tenant.defaultLocale(), MemberEvents.JoinedVia.directory);
            }
        }
        log.info("Adopted Keycloak organization {} as a tenant", alias);
    }

    @Override
    public Health health() {
        var pending = properties.organizations().stream().filter(alias -> !adopted.contains(alias)).toList();
        return pending.isEmpty() ? Health.up().build() : Health.down().withDetail("pending", pending).build();
    }
}
