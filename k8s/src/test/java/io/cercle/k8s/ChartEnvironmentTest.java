package io.cercle.k8s;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The environment the chart gives each service is made of the variables that service reads: the ${VAR}
 * placeholders of its application.yml and of service-defaults' cercle-defaults.properties (the JVM reads
 * JAVA_TOOL_OPTIONS). A renamed variable on either side fails here. (The system test ChartEnvironmentSystemTest
 * goes further: it starts the six services with exactly this environment.)
 */
class ChartEnvironmentTest {

    private static final Path REPO = ValueSets.CHART.directory().getParent().getParent();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
    private static final List<String> SERVICES = List.of("gateway", "identity", "community", "content",
            "gamification", "notification");

    @ParameterizedTest
    @EnumSource(ValueSets.class)
    void everyVariableTheChartSetsIsOneTheServiceReads(ValueSets set) throws IOException {
        List<HasMetadata> objects = set.objects();
        for (String service : SERVICES) {
            Set<String> set_ = Chart.environment(objects, service, (secret, key) -> "secret:" + key).keySet();

            assertThat(set_).as("%s in %s", service, set).isSubsetOf(readBy(service));
        }
    }

    @ParameterizedTest
    @EnumSource(ValueSets.class)
    void everyServiceGetsWhatDiffersInACluster(ValueSets set) {
        List<HasMetadata> objects = set.objects();
        Set<String> common = Set.of("SERVER_PORT", "KEYCLOAK_ISSUER_URI", "LOG_FORMAT", "JAVA_TOOL_OPTIONS");
        Set<String> bus = Set.of("MONGODB_URI", "RABBITMQ_HOST", "RABBITMQ_PORT", "RABBITMQ_USERNAME",
                "RABBITMQ_PASSWORD", "RABBITMQ_VHOST", "RABBITMQ_QUORUM_QUEUES");
        for (String service : SERVICES) {
            Map<String, String> env = Chart.environment(objects, service, (secret, key) -> "secret:" + key);
            assertThat(env).as(service).containsKeys(common.toArray(String[]::new));
            if (!service.equals("gateway")) {
                assertThat(env).as(service).containsKeys(bus.toArray(String[]::new));
            }
        }
        assertThat(Chart.environment(objects, "identity", (s, k) -> "secret:" + k))
                .containsEntry("KEYCLOAK_ADMIN_CLIENT_SECRET", "secret:keycloak-client-secret")
                .containsEntry("INVITATION_SECRET", "secret:invitation-secret")
                .containsKeys("KEYCLOAK_URL", "KEYCLOAK_REALM", "KEYCLOAK_ADMIN_REALM", "KEYCLOAK_ADMIN_CLIENT_ID");
        assertThat(Chart.environment(objects, "notification", (s, k) -> "secret:" + k))
                .containsKeys("SMTP_HOST", "SMTP_PORT", "MAIL_FROM");
        assertThat(Chart.environment(objects, "gateway", (s, k) -> "secret:" + k)).containsEntry(
                "CONTENT_URI", "http://cercle-content:8083");
    }

    /** A service's environment and secrets follow what its values say it uses and calls, never its name. */
    @Test
    void whatAServiceUsesAndCallsGivesItsEnvironment() {
        List<HasMetadata> objects = Chart.parse(ValueSets.CHART.render(ValueSets.PRODUCTION.files(), Map.of(
                "services.gamification.uses[0]", "mongodb", "services.gamification.uses[1]", "rabbitmq",
                "services.gamification.uses[2]", "smtp", "services.gamification.calls[0]", "content",
                "services.gamification.secretEnv.SHOP_SIGNING_KEY", "shop-signing-key",
                "services.gamification.env.SHOP_CURRENCY", "points")));
        Map<String, String> gamification = Chart.environment(objects, "gamification", (s, k) -> "secret:" + k);
        Map<String, String> content = Chart.environment(objects, "content", (s, k) -> "secret:" + k);

        assertThat(gamification).containsEntry("SMTP_HOST", "smtp.example.com")
                .containsEntry("SMTP_PASSWORD", "secret:smtp-password")
                .containsEntry("CONTENT_URI", "http://cercle-content:8083")
                .containsEntry("SHOP_SIGNING_KEY", "secret:shop-signing-key")
                .containsEntry("SHOP_CURRENCY", "points")
                .containsEntry("MONGODB_URI", "secret:mongodb-uri-gamification")
                .containsEntry("RABBITMQ_PASSWORD", "secret:rabbitmq-password-gamification");
        assertThat(content).doesNotContainKeys("SMTP_HOST", "SMTP_PASSWORD", "KEYCLOAK_URL", "REDIS_HOST")
                .containsKeys("MONGODB_URI", "RABBITMQ_HOST");
    }

    /** One port per service everywhere: the chart's default, the service's own default, the port its image declares. */
    @Test
    void theChartsDefaultPortsAreTheServicesOwnAndTheirImages() throws IOException {
        List<HasMetadata> objects = ValueSets.DEFAULTS.objects();
        for (String service : SERVICES) {
            String chartPort = Chart.environment(objects, service, (s, k) -> "").get("SERVER_PORT");
            String module = service + "-service";
            Matcher own = Pattern.compile("\\$\\{SERVER_PORT:([0-9]+)}")
                    .matcher(Files.readString(REPO.resolve(module + "/src/main/resources/application.yml")));
            Matcher image = Pattern.compile("<image.port>([0-9]+)</image.port>")
                    .matcher(Files.readString(REPO.resolve(module + "/pom.xml")));

            assertThat(own.find()).as(module + " application.yml").isTrue();
            assertThat(image.find()).as(module + " pom.xml").isTrue();
            assertThat(List.of(own.group(1), image.group(1))).as(module).containsOnly(chartPort);
        }
        // The gateway's probes and metrics port: the chart's default is the gateway's own.
        Matcher management = Pattern.compile("\\$\\{MANAGEMENT_PORT:([0-9]+)}")
                .matcher(Files.readString(REPO.resolve("gateway-service/src/main/resources/application.yml")));
        assertThat(management.find()).isTrue();
        assertThat(Chart.environment(objects, "gateway", (s, k) -> "").get("MANAGEMENT_PORT")).isEqualTo(management.group(1));
    }

    @Test
    void inTrialModeTheImportedRealmHasWhatTheServicesExpectAndItsSecretsComeFromTheSecret() {
        List<HasMetadata> objects = ValueSets.TRIAL.objects();
        ConfigMap realmMap = Chart.find(objects, ConfigMap.class, "cercle-keycloak-realm");
        String realmJson = realmMap.getData().get("cercle-realm.json");
        @SuppressWarnings("unchecked")
        Map<String, Object> realm = Serialization.unmarshal(realmJson, Map.class);
        Map<String, String> identity = Chart.environment(objects, "identity", (s, k) -> "secret:" + k);

        assertThat(realm).containsEntry("realm", identity.get("KEYCLOAK_REALM")).containsEntry("organizationsEnabled", true);
        assertThat(clientIds(realm)).contains("cercle-web", "cercle-api", identity.get("KEYCLOAK_ADMIN_CLIENT_ID"));
        // Roles scoped to one tenant (docs/adr/0009): tenant-admin is a client role given through organization groups;
        // the only realm role is platform-admin.
        @SuppressWarnings("unchecked")
        var roles = (Map<String, Object>) realm.get("roles");
        @SuppressWarnings("unchecked")
        var realmRoles = ((List<Map<String, Object>>) roles.get("realm")).stream().map(role -> (String) role.get("name")).toList();
        assertThat(realmRoles).containsExactly("platform-admin");
        @SuppressWarnings("unchecked")
        var apiRoles = ((Map<String, List<Map<String, Object>>>) roles.get("client")).get("cercle-api").stream()
                .map(role -> (String) role.get("name")).toList();
        assertThat(apiRoles).containsExactly("tenant-admin");
        assertThat(realmJson).contains("oidc-audience-mapper", "oidc-organization-group-membership-mapper");

        // Keycloak fills ${VAR} in from its environment: each one must come from the Secret.
        Container keycloak = Chart.find(objects, StatefulSet.class, "cercle-keycloak").getSpec().getTemplate().getSpec()
                .getContainers().getFirst();
        Matcher placeholders = Pattern.compile("\\$\\{([A-Z_]+)}").matcher(realmJson);
        Set<String> needed = new TreeSet<>();
        while (placeholders.find()) {
            needed.add(placeholders.group(1));
        }
        assertThat(needed).containsExactlyInAnyOrder("CERCLE_IDENTITY_CLIENT_SECRET", "CERCLE_PLATFORM_ADMIN_PASSWORD");
        Map<String, EnvVar> env = keycloak.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, e -> e));
        needed.forEach(name -> assertThat(env.get(name).getValueFrom().getSecretKeyRef().getName()).isEqualTo("cercle-secrets"));
        // identity-service authenticates with the same secret the realm gives its client.
        assertThat(env.get("CERCLE_IDENTITY_CLIENT_SECRET").getValueFrom().getSecretKeyRef().getKey())
                .isEqualTo(identity.get("KEYCLOAK_ADMIN_CLIENT_SECRET").substring("secret:".length()));

        // Tokens name the public URL; services fetch keys and call the Admin API on the in-release Service.
        String publicUrl = env.get("KC_HOSTNAME").getValue();
        assertThat(identity.get("KEYCLOAK_ISSUER_URI")).isEqualTo(publicUrl + "/realms/cercle");
        assertThat(identity.get("KEYCLOAK_JWK_SET_URI")).isEqualTo("http://cercle-keycloak:8080/realms/cercle/protocol/openid-connect/certs");
        assertThat(identity.get("KEYCLOAK_URL")).isEqualTo("http://cercle-keycloak:8080");
    }

    @SuppressWarnings("unchecked")
    private static List<String> clientIds(Map<String, Object> realm) {
        return ((List<Map<String, Object>>) realm.get("clients")).stream().map(c -> (String) c.get("clientId")).toList();
    }

    private static Set<String> readBy(String service) throws IOException {
        Set<String> names = new TreeSet<>(Set.of("JAVA_TOOL_OPTIONS"));
        for (Path source : List.of(REPO.resolve(service + "-service/src/main/resources/application.yml"),
                REPO.resolve("platform/service-defaults/src/main/resources/cercle-defaults.properties"))) {
            Matcher m = PLACEHOLDER.matcher(Files.readString(source));
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }
}
