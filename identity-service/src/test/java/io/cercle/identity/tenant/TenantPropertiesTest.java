package io.cercle.identity.tenant;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** The operators' public mail domains are checked when the service starts. */
class TenantPropertiesTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(TenantConfiguration.class);

    @Test
    void operatorsPublicMailDomainsAreAddedToTheBuiltInList() {
        context.withPropertyValues("cercle.tenants.public-mail-domains=regional-isp.example,webmailer.*")
                .run(started -> {
                    assertThat(started).hasNotFailed();
                    var domains = started.getBean(PublicMailDomains.class);
                    assertThat(domains.isPublic("regional-isp.example")).isTrue();
                    assertThat(domains.isPublic("webmailer.de")).isTrue();
                    assertThat(domains.isPublic("gmail.com")).isTrue();
                });
    }

    @Test
    void anEntryOfAnotherShapeStopsTheServiceNamingIt() {
        context.withPropertyValues("cercle.tenants.public-mail-domains=Regional ISP")
                .run(started -> assertThat(started).hasFailed().getFailure()
                        .rootCause().hasMessageContaining("publicMailDomains"));
    }
}
