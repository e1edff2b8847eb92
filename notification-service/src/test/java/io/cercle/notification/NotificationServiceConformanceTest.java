package io.cercle.notification;

import io.cercle.testsupport.ServiceConformanceTest;

// In the one context of the service's full tests (its settings include those ServiceConformanceTest needs), so that
// no second context runs consumers that compete for the same queues.
@NotificationServiceTest
class NotificationServiceConformanceTest extends ServiceConformanceTest {
}
