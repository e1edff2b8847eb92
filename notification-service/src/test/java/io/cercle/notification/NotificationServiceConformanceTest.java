package io.cercle.notification;

import io.cercle.testsupport.ServiceConformanceTest;

class NotificationServiceConformanceTest extends ServiceConformanceTest {
}
