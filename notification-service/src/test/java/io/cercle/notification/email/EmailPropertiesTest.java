package io.cercle.notification.email;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/** Every email names its sender: a service configured without one does not start, rather than fail at each send. */
class EmailPropertiesTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(EmailConfiguration.class);

    @Test
    void aBlankSenderStopsTheServiceFromStartingAndNamesTheProperty() {
        context.withPropertyValues("cercle.mail.from= ").run(started -> {
            assertThat(started).hasFailed();
            assertThat(started.getStartupFailure()).rootCause().hasMessageContaining("from");
        });
    }

    @Test
    void aSenderWithANameIsAccepted() {
        context.withPropertyValues("cercle.mail.from=Cercle <no-reply@cercle.example.com>")
                .run(started -> assertThat(started.getBean(EmailProperties.class).from())
                        .isEqualTo("Cercle <no-reply@cercle.example.com>"));
    }
}
