package io.cercle.identity.invitation;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** The invitation link goes into emails: a service configured with another scheme than http(s) does not start. */
class InvitationPropertiesTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Enable.class);

    @Test
    void anAcceptUrlThatIsNotHttpStopsTheServiceFromStartingAndSaysWhy() {
        context.withPropertyValues("cercle.invitations.accept-url=javascript:alert(1)//").run(started -> {
            assertThat(started).hasFailed();
            assertThat(started.getStartupFailure()).rootCause()
                    .hasMessageContaining("acceptUrl").hasMessageContaining("must be an http:// or https:// URL");
        });
    }

    @Test
    void anHttpsAcceptUrlIsAccepted() {
        context.withPropertyValues("cercle.invitations.accept-url=https://cercle.example.com/accept?token=")
                .run(started -> assertThat(started.getBean(InvitationProperties.class).acceptUrl())
                        .isEqualTo("https://cercle.example.com/accept?token="));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(InvitationProperties.class)
    static class Enable {
    }
}
