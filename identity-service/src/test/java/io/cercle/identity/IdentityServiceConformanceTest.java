package io.cercle.identity;

import io.cercle.testsupport.ServiceConformanceTest;

class IdentityServiceConformanceTest extends ServiceConformanceTest {
}
