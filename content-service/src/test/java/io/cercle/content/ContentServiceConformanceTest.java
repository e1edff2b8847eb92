package io.cercle.content;

import io.cercle.testsupport.ServiceConformanceTest;

class ContentServiceConformanceTest extends ServiceConformanceTest {
}
