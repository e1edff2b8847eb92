package io.cercle.notification;

import io.cercle.testsupport.ServiceConformanceTest;
import org.springframework.test.annotation.DirtiesContext;

// Closed afterwards: its consumers would otherwise compete with NotificationServiceTest's for the same queues.
@DirtiesContext
class NotificationServiceConformanceTest extends ServiceConformanceTest {
}
