package io.cercle.identity.adoption;

import io.cercle.identity.tenant.Tenant;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;

/**
 * @param organizations aliases of Keycloak organizations to take on as tenants at start; none by default
 * @param locale        the default locale of an adopted tenant
 */
@ConfigurationProperties("cercle.adoption")
record AdoptionProperties(@DefaultValue List<String> organizations, @DefaultValue("en") Tenant.Locale locale) {

    AdoptionProperties {
        organizations = organizations.stream().map(String::strip).filter(alias -> !alias.isEmpty()).toList();
    }
}
