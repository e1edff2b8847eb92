package io.cercle.k8s;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** values.schema.json refuses what the services could not run with, naming the value; values.yaml explains every value. */
class ValuesTest {

    @ParameterizedTest(name = "{0}={1} is refused")
    @CsvSource(delimiter = '|', value = {
            "replicaCount                         | 3                 | additional properties 'replicaCount' not allowed",
            "services.search.port                 | 8086              | additional properties 'search' not allowed",
            "services.content.replica             | 3                 | additional properties 'replica' not allowed",
            "services.content.replicas            | 0                 | /services/content/replicas",
            "services.content.port                | 70000             | /services/content/port",
            "services.gateway.env.MAX_BODY_SIZE   | lots              | /services/gateway/env/MAX_BODY_SIZE",
            "services.gateway.env.CORS_ALLOWED_ORIGINS | *            | /services/gateway/env/CORS_ALLOWED_ORIGINS",
            "services.gateway.env.RATE_LIMIT_TRUSTED_PROXIES | 9      | /services/gateway/env/RATE_LIMIT_TRUSTED_PROXIES",
            "services.identity.env.INVITATION_TTL | 7 days            | /services/identity/env/INVITATION_TTL",
            "services.identity.env.INVITATION_ACCEPT_URL | javascript:alert | /services/identity/env/INVITATION_ACCEPT_URL",
            "services.identity.secretEnv.INVITATION_SECRET | Not a key | /services/identity/secretEnv/INVITATION_SECRET",
            "services.content.env.lower_case      | x                 | invalid propertyName 'lower_case'",
            "services.content.secretEnv.lower_case | x                | invalid propertyName 'lower_case'",
            "services.content.extraEnv.FOO        | x                 | additional properties 'extraEnv' not allowed",
            "services.content.uses[0]             | postgres          | /services/content/uses/0",
            "services.content.rabbitmq            | null              | missing property 'rabbitmq'",
            "services.gateway.calls[0]            | search            | /services/gateway/calls/0",
            "services.notification.rabbitmq.consumesFrom[0] | search  | /services/notification/rabbitmq/consumesFrom/0",
            "services.gamification.autoscaling.maxReplicas | 0        | /services/gamification/autoscaling/maxReplicas",
            "ingress.service                      | search            | /ingress/service",
            "redis.port                           | 0                 | /redis/port",
            "services.content.resources.requests.cpu | a-lot          | /services/content/resources/requests/cpu",
            "common.logFormat                     | xml               | /common/logFormat",
            "common.tracing.samplingProbability   | 2                 | /common/tracing/samplingProbability",
            "common.runAsUser                     | 0                 | /common/runAsUser",
            "common.terminationGracePeriodSeconds | 5                 | /common/terminationGracePeriodSeconds",
            "keycloak.issuerUri                   | login.example.com | /keycloak/issuerUri",
            "rabbitmq.port                        | amqp              | /rabbitmq/port",
            "rabbitmq.username                    | cercle            | additional properties 'username' not allowed",
            "services.content.rabbitmq.username   | with space        | /services/content/rabbitmq/username",
            "trial.rabbitmq.deadLetterRetentionDays | 0               | /trial/rabbitmq/deadLetterRetentionDays",
            "existingSecret                       | Not_A_Name        | /existingSecret",
            "image.pullPolicy                     | Sometimes         | /image/pullPolicy",
            "trial.enabled                        | yes please        | /trial/enabled",
    })
    void valuesThatViolateTheSchemaAreRefusedNamingTheValue(String key, String value, String message) {
        Object typed = value.matches("-?[0-9]+") ? Long.parseLong(value) : value;

        assertThatThrownBy(() -> ValueSets.CHART.render(List.of(), Map.of(key, typed)))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining(message);
    }

    @Test
    void valuesWithinTheSchemaAreAccepted() {
        String rendered = ValueSets.CHART.render(List.of(), Map.of("services.content.replicas", 5,
                "services.identity.env.INVITATION_TTL", "PT12H", "common.logFormat", ""));

        assertThat(rendered).contains("replicas: 5").contains("INVITATION_TTL: \"PT12H\"");
    }

    /** Every value, that is every key with a scalar, list or inline value, has its comment on the line above. */
    @Test
    void everyValueInValuesYamlIsCommented() throws IOException {
        List<String> lines = Files.readAllLines(chartFile("values.yaml"));
        Pattern key = Pattern.compile("^( *)([A-Za-z][\\w-]*):(.*)$");
        List<String> uncommented = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = key.matcher(lines.get(i));
            if (!m.matches()) {
                continue;
            }
            boolean leaf = !m.group(3).isBlank();
            boolean insideResources = i > 0 && lines.get(i - 1).trim().equals("resources:");
            boolean commented = i > 0 && lines.get(i - 1).trim().startsWith("#");
            if (leaf && !commented && !insideResources && !lines.get(i - 1).trim().startsWith("requests:")) {
                uncommented.add((i + 1) + ": " + lines.get(i).trim());
            }
        }
        assertThat(uncommented).isEmpty();
    }

    @Test
    void theSchemaRefusesUnknownKeysAtEveryLevel() throws IOException {
        Map<?, ?> schema = schema();
        List<String> open = new ArrayList<>();
        closed(schema, "", open, null, schema);
        definitions(schema).forEach((name, definition) -> closed((Map<?, ?>) definition, "#/$defs/" + name, open, null, schema));

        // Every object whose keys the chart defines is closed; only Kubernetes' own structures (selectors,
        // affinity, tolerations) are passed through as they are, and the settings maps (env, secretEnv) take any
        // NAME their propertyNames pattern allows.
        assertThat(open).isEmpty();
        assertThat(schema.get("additionalProperties")).isEqualTo(false);
    }

    /** The six services are declared by one block, $defs/workload, which a service may only refine (its env). */
    @Test
    void everyServiceIsDeclaredByTheOneWorkloadBlock() throws IOException {
        Map<?, ?> services = (Map<?, ?>) ((Map<?, ?>) schema().get("properties")).get("services");
        Map<?, ?> declared = (Map<?, ?>) services.get("properties");

        assertThat(declared.keySet().stream().map(String::valueOf).toList()).containsExactlyInAnyOrder("gateway", "identity", "community", "content",
                "gamification", "notification");
        declared.forEach((name, service) -> assertThat(references((Map<?, ?>) service)).as("services.%s", name)
                .containsExactly("#/$defs/workload"));
    }

    /** Every value the schema knows of, inside the workload block too, says what it is for. */
    @Test
    void everyValueInTheSchemaHasADescription() throws IOException {
        Map<?, ?> schema = schema();
        List<String> undescribed = new ArrayList<>();
        described(schema, "", undescribed);
        definitions(schema).forEach((name, definition) -> {
            if (!(((Map<?, ?>) definition).get("description") instanceof String text) || text.isBlank()) {
                undescribed.add("#/$defs/" + name);
            }
            described((Map<?, ?>) definition, "#/$defs/" + name, undescribed);
        });

        assertThat(undescribed).isEmpty();
    }

    private static void described(Map<?, ?> node, String path, List<String> undescribed) {
        if (node.get("properties") instanceof Map<?, ?> properties) {
            properties.forEach((key, child) -> {
                if (!(((Map<?, ?>) child).get("description") instanceof String text) || text.isBlank()) {
                    undescribed.add(path + "/" + key);
                }
                described((Map<?, ?>) child, path + "/" + key, undescribed);
            });
        }
        if (node.get("items") instanceof Map<?, ?> items) {
            described(items, path + "[]", undescribed);
        }
        if (node.get("allOf") instanceof List<?> all) {
            all.forEach(member -> described((Map<?, ?>) member, path, undescribed));
        }
    }

    /**
     * @param refined the node of a $ref'd block this node refines (inside an allOf), whose closedness it shares and
     *                which it may not add keys to; null when it refines nothing
     */
    private static void closed(Map<?, ?> node, String path, List<String> open, Map<?, ?> refined, Map<?, ?> schema) {
        if (node.get("properties") instanceof Map<?, ?> properties) {
            if (!closedItself(node) && (refined == null || !closedItself(refined))) {
                open.add(path);
            }
            properties.forEach((key, child) -> {
                Map<?, ?> refinedChild = null;
                if (refined != null) {
                    refinedChild = refined.get("properties") instanceof Map<?, ?> p ? (Map<?, ?>) p.get(key) : null;
                    if (refinedChild == null && !refined.containsKey("propertyNames")) {
                        open.add(path + "/" + key + " (not in the block it refines)");
                    }
                }
                closed((Map<?, ?>) child, path + "/" + key, open, refinedChild, schema);
            });
        }
        if (node.get("items") instanceof Map<?, ?> items) {
            closed(items, path + "[]", open, null, schema);
        }
        if (node.get("allOf") instanceof List<?> all) {
            Map<?, ?> base = all.stream().map(Map.class::cast).filter(member -> member.containsKey("$ref"))
                    .map(member -> resolve(schema, (String) member.get("$ref"))).findFirst().orElse(null);
            all.stream().map(Map.class::cast).filter(member -> !member.containsKey("$ref"))
                    .forEach(member -> closed(member, path, open, base, schema));
        }
    }

    private static boolean closedItself(Map<?, ?> node) {
        return Boolean.FALSE.equals(node.get("additionalProperties")) || node.containsKey("propertyNames");
    }

    private static List<String> references(Map<?, ?> node) {
        List<String> refs = new ArrayList<>();
        if (node.get("$ref") instanceof String ref) {
            refs.add(ref);
        }
        if (node.get("allOf") instanceof List<?> all) {
            all.forEach(member -> refs.addAll(references((Map<?, ?>) member)));
        }
        return refs;
    }

    private static Map<?, ?> resolve(Map<?, ?> schema, String ref) {
        assertThat(ref).startsWith("#/$defs/");
        return (Map<?, ?>) definitions(schema).get(ref.substring("#/$defs/".length()));
    }

    private static Map<?, ?> definitions(Map<?, ?> schema) {
        return (Map<?, ?>) schema.get("$defs");
    }

    private static Map<?, ?> schema() throws IOException {
        return io.fabric8.kubernetes.client.utils.Serialization.unmarshal(
                Files.readString(chartFile("values.schema.json")), Map.class);
    }

    static Path chartFile(String name) {
        return ValueSets.CHART.directory().resolve(name);
    }
}
