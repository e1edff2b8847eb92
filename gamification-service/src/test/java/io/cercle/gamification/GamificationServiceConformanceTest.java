package io.cercle.gamification;

import io.cercle.testsupport.ServiceConformanceTest;

class GamificationServiceConformanceTest extends ServiceConformanceTest {
}
