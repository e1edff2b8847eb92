package io.cercle.community;

import io.cercle.testsupport.ServiceConformanceTest;

class CommunityServiceConformanceTest extends ServiceConformanceTest {
}
