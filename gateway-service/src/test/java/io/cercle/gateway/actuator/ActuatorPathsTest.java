package io.cercle.gateway.actuator;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Which paths count as a service's actuator or the gateway's own, judged as a server would read them. */
class ActuatorPathsTest {

    @ParameterizedTest
    @ValueSource(strings = {"/api/identity/actuator", "/api/identity/actuator/", "/api/content/actuator/prometheus",
            "/api/x/actuator/health/readiness", "/api/identity//actuator", "//api//identity//actuator/env",
            "/api/identity/%61ctuator", "/api/identity/%2561ctuator", "/api/identity/%252561ctuator/env",
            "/api/identity/Actuator/metrics", "/api/identity/actuator;jsessionid=1/env", "/api/identity/./actuator",
            "/api/identity/x/../actuator", "/api/identity%2Factuator", "/api/identity%5Cactuator",
            "/api/identity\\actuator", "/API/identity/actuator", "/api/identity/;x/actuator/metrics"})
    void aServicesActuatorInAnyDisguiseIsRecognised(String path) {
        assertThat(HiddenActuatorsFilter.reachesAServiceActuator(path)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/identity/session", "/api/identity/members/actuator", "/api/identity/actuators",
            "/api/identity/actuator-like", "/actuator/health", "/api/actuator", "/api/identity", "/", "",
            "/api/identity/%zz/actuator", "/v3/api-docs"})
    void otherPathsAreNot(String path) {
        assertThat(HiddenActuatorsFilter.reachesAServiceActuator(path)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/actuator", "/actuator/", "/actuator/metrics", "//actuator/env", "/%61ctuator/health",
            "/Actuator/prometheus", "/actuator;x/info", "/x/../actuator/health"})
    void theGatewaysOwnActuatorIsRecognised(String path) {
        assertThat(HiddenActuatorsFilter.reachesTheGatewaysActuator(path)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/identity/actuator", "/actuators", "/swagger-ui/index.html", "/v3/api-docs"})
    void otherPathsAreNotTheGatewaysOwnActuator(String path) {
        assertThat(HiddenActuatorsFilter.reachesTheGatewaysActuator(path)).isFalse();
    }
}
