package io.cercle.testsupport;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fault injection never passes silently: listing subjects in an application without the inbox it decorates stops
 * the start. (That it fails a first delivery inside the inbox is shown by service-defaults' MessagingBackboneTest and
 * system-tests' BackboneAcrossServicesTest, against a real broker.)
 */
class FailFirstDeliveryTest {

    private final ApplicationContextRunner contexts = new ApplicationContextRunner()
            .withBean(FailFirstDelivery.class);

    @Test
    void subjectsWithoutAnInboxStopTheStart() {
        contexts.withPropertyValues(FailFirstDelivery.SUBJECTS + "=flaky").run(context ->
                assertThat(context).hasFailed().getFailure()
                        .hasMessageContaining(FailFirstDelivery.SUBJECTS + " is set but this application has no "
                                + "io.cercle.platform.messaging.Inbox"));
    }

    @Test
    void withoutSubjectsItDoesNothing() {
        contexts.run(context -> assertThat(context).hasNotFailed());
    }
}
