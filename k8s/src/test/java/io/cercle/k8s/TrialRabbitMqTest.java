package io.cercle.k8s;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trial RabbitMQ's users and dead-letter policy: its init container's script, run here with sh as the pod would
 * (paths moved to a temporary directory), writes definitions with every service's own user, the passwords of the
 * Secret (whatever characters they hold), the permissions the devstack proves on a real broker (BrokerSetupTest), and
 * the policy bounding dead letters; the broker loads them at start.
 */
class TrialRabbitMqTest {

    /** The same strings as the devstack's BrokerAccount, which BrokerSetupTest checks against a real RabbitMQ. */
    private static final Map<String, List<String>> NOTIFICATION_PERMISSIONS = Map.of(
            "configure", List.of("^(cercle\\.notification|cercle\\.identity|cercle\\.[^.]+\\.notification-service\\..+|DLX)$"),
            "write", List.of("^(cercle\\.notification|cercle\\.[^.]+\\.notification-service\\..+|DLX)$"),
            "read", List.of("^(cercle\\.identity|cercle\\.[^.]+\\.notification-service\\..+|DLX)$"));
    private static final Map<String, List<String>> IDENTITY_PERMISSIONS = Map.of(
            "configure", List.of("^(cercle\\.identity|cercle\\.[^.]+\\.identity-service\\..+|DLX)$"),
            "write", List.of("^(cercle\\.identity|cercle\\.[^.]+\\.identity-service\\..+|DLX)$"),
            "read", List.of("^(cercle\\.[^.]+\\.identity-service\\..+|DLX)$"));

    @TempDir
    Path dir;

    @Test
    void everyServiceGetsItsOwnUserWithTheSecretsPasswordAndOnlyItsPermissions() throws Exception {
        Map<String, Object> definitions = runTheInitContainer(Map.of());

        Map<String, String> users = new LinkedHashMap<>();
        list(definitions, "users").forEach(user -> users.put((String) user.get("name"), (String) user.get("password")));
        assertThat(users).containsOnlyKeys("admin", "cercle-identity", "cercle-community", "cercle-content",
                "cercle-gamification", "cercle-notification");
        users.forEach((user, password) -> assertThat(password).as(user).isEqualTo(password(user)));
        assertThat(permissions(definitions, "cercle-notification")).isEqualTo(NOTIFICATION_PERMISSIONS);
        assertThat(permissions(definitions, "cercle-identity")).isEqualTo(IDENTITY_PERMISSIONS);
        assertThat(Files.readString(dir.resolve("conf.d/10-cercle.conf")))
                .contains("load_definitions = /etc/rabbitmq/definitions/cercle.json")
                .doesNotContain("default_user");
    }

    @Test
    void deadLettersAreKeptFourteenDaysByAPolicyOrAsLongAsConfigured() throws Exception {
        Map<String, Object> policy = list(runTheInitContainer(Map.of()), "policies").getFirst();
        Map<String, Object> shorter = list(runTheInitContainer(Map.of("trial.rabbitmq.deadLetterRetentionDays", 3)),
                "policies").getFirst();

        assertThat(policy).containsEntry("name", "cercle-dead-letters").containsEntry("vhost", "/")
                .containsEntry("pattern", "^cercle\\..+\\.dlq$").containsEntry("apply-to", "queues");
        assertThat(ttl(policy)).isEqualTo(14L * 24 * 3600 * 1000);
        assertThat(ttl(shorter)).isEqualTo(3L * 24 * 3600 * 1000);
    }

    @Test
    void aRenamedServiceUserIsTheOneTheServiceConnectsAsAndTheOneCreated() throws Exception {
        Map<String, Object> sets = Map.of("services.content.rabbitmq.username", "content-prod");
        List<HasMetadata> objects = Chart.parse(ValueSets.CHART.render(ValueSets.TRIAL.files(), sets));

        assertThat(Chart.environment(objects, "content", (secret, key) -> "secret:" + key))
                .containsEntry("RABBITMQ_USERNAME", "content-prod")
                .containsEntry("RABBITMQ_PASSWORD", "secret:rabbitmq-password-content");
        assertThat(list(runTheInitContainer(sets), "users")).extracting(user -> user.get("name"))
                .contains("content-prod").doesNotContain("cercle-content");
    }

    /** Renders the trial, runs the init container's script as sh would in the pod, returns the definitions. */
    private Map<String, Object> runTheInitContainer(Map<String, Object> sets) throws Exception {
        List<HasMetadata> objects = Chart.parse(ValueSets.CHART.render(ValueSets.TRIAL.files(), sets));
        StatefulSet rabbitmq = Chart.find(objects, StatefulSet.class, Chart.RELEASE + "-rabbitmq");
        Container init = rabbitmq.getSpec().getTemplate().getSpec().getInitContainers().getFirst();
        Path run = Files.createTempDirectory(dir, "run");
        Files.createDirectories(dir.resolve("conf.d"));
        Files.createDirectories(run.resolve("definitions"));
        String script = init.getCommand().get(2)
                // The init container's mounts, not the broker's (/etc/rabbitmq/definitions).
                .replace(" /definitions/", " " + run.resolve("definitions") + "/")
                .replace(" /conf.d/", " " + dir.resolve("conf.d") + "/")
                .replace(" /var/lib/rabbitmq/", " " + run + "/");

        ProcessBuilder sh = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true);
        for (EnvVar env : init.getEnv()) {
            String key = env.getValueFrom().getSecretKeyRef().getKey();
            sh.environment().put(env.getName(), password(key));
        }
        Process process = sh.start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .isZero();
        @SuppressWarnings("unchecked")
        Map<String, Object> definitions = Serialization.unmarshal(Files.readString(run.resolve("definitions/cercle.json")),
                Map.class);
        return definitions;
    }

    /** A password per user or Secret key, with every character JSON and sed would stumble on. */
    private static String password(String userOrKey) {
        String name = userOrKey.replaceFirst("^(rabbitmq-password-|cercle-|rabbitmq-)", "")
                .replace("admin-password", "admin");
        return name + "-p\"a\\s&s|w/o'r$d`@@X@@";
    }

    private static Map<String, List<String>> permissions(Map<String, Object> definitions, String user) {
        Map<String, Object> found = list(definitions, "permissions").stream()
                .filter(p -> p.get("user").equals(user)).findFirst().orElseThrow();
        assertThat(found).containsEntry("vhost", "/");
        return Map.of("configure", List.of((String) found.get("configure")),
                "write", List.of((String) found.get("write")),
                "read", List.of((String) found.get("read")));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> definitions, String name) {
        return (List<Map<String, Object>>) definitions.get(name);
    }

    @SuppressWarnings("unchecked")
    private static long ttl(Map<String, Object> policy) {
        return ((Number) ((Map<String, Object>) policy.get("definition")).get("message-ttl")).longValue();
    }
}
