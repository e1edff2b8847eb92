package io.cercle.gateway;

import io.cercle.testsupport.ServiceConformanceTest;

class GatewayServiceConformanceTest extends ServiceConformanceTest {
}
