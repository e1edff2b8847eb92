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
            "services.gateway.maxBodySize         | lots              | /services/gateway/maxBodySize",
            "services.gateway.corsAllowedOrigins  | *                 | /services/gateway/corsAllowedOrigins",
            "services.identity.invitationTtl      | 7 days            | /services/identity/invitationTtl",
            "services.identity.invitationAcceptUrl| javascript:alert  | /services/identity/invitationAcceptUrl",
            "services.content.extraEnv.lower_case | x                 | invalid propertyName 'lower_case'",
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
                "services.identity.invitationTtl", "PT12H", "common.logFormat", ""));

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
        Map<?, ?> schema = io.fabric8.kubernetes.client.utils.Serialization.unmarshal(
                Files.readString(chartFile("values.schema.json")), Map.class);
        List<String> open = new ArrayList<>();
        closed(schema, "", open);

        // Every object whose keys the chart defines is closed; only Kubernetes' own structures (selectors,
        // affinity, tolerations) are passed through as they are.
        assertThat(open).isEmpty();
        assertThat(schema.get("additionalProperties")).isEqualTo(false);
    }

    private static void closed(Map<?, ?> node, String path, List<String> open) {
        if (node.get("properties") instanceof Map<?, ?> properties) {
            if (!Boolean.FALSE.equals(node.get("additionalProperties"))) {
                open.add(path);
            }
            properties.forEach((key, child) -> closed((Map<?, ?>) child, path + "/" + key, open));
        }
        if (node.get("items") instanceof Map<?, ?> items) {
            closed(items, path + "[]", open);
        }
    }

    static Path chartFile(String name) {
        return ValueSets.CHART.directory().resolve(name);
    }
}
