package io.cercle.k8s;

import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The chart linted strictly and rendered with each value set; every rendered object parsed and checked for what
 * ops rely on: probes, resources, a non-root read-only security context, secrets only by reference.
 */
class ChartRenderingTest {

    private static final List<String> SERVICES = List.of("gateway", "identity", "community", "content",
            "gamification", "notification");
    private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|SECRET|TOKEN|CREDENTIAL).*");
    private static final Pattern CREDENTIALS_IN_URL = Pattern.compile("[a-z+]+://[^/@\\s\"]+:[^/@\\s\"]+@");

    @Test
    void theChartPassesHelmLintStrictly() {
        LintResult lint = ValueSets.CHART.lintStrict();

        assertThat(lint.isFailed()).as("helm lint --strict: %s", lint.getMessages()).isFalse();
        assertThat(lint.getMessages()).noneMatch(message -> message.contains("[WARNING]") || message.contains("[ERROR]"));
    }

    @ParameterizedTest
    @EnumSource(ValueSets.class)
    void everyRenderedObjectIsAKnownKindWithNoMisspelledField(ValueSets set) {
        List<HasMetadata> objects = set.objects();

        assertThat(objects).isNotEmpty();
        for (HasMetadata object : objects) {
            if (object instanceof GenericKubernetesResource generic) {
                // Only the Prometheus Operator's kind is outside Kubernetes' own API.
                assertThat(generic.getKind()).isEqualTo("ServiceMonitor");
                continue;
            }
            assertThat(unknownFields(object)).as("%s %s", object.getKind(), object.getMetadata().getName()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(ValueSets.class)
    void everyWorkloadHasProbesResourcesAndANonRootReadOnlySecurityContext(ValueSets set) {
        List<PodTemplateSpec> pods = Chart.podTemplates(set.objects());

        assertThat(pods).hasSize(set == ValueSets.TRIAL ? 10 : 6);
        for (PodTemplateSpec pod : pods) {
            PodSpec spec = pod.getSpec();
            String name = pod.getMetadata().getLabels().get("app.kubernetes.io/component");
            assertThat(spec.getSecurityContext().getRunAsNonRoot()).as(name).isTrue();
            assertThat(spec.getSecurityContext().getRunAsUser()).as(name).isPositive();
            assertThat(spec.getAutomountServiceAccountToken()).as(name).isFalse();
            for (Container container : spec.getContainers()) {
                assertThat(container.getStartupProbe()).as("%s startup probe", name).isNotNull();
                assertThat(container.getLivenessProbe()).as("%s liveness probe", name).isNotNull();
                assertThat(container.getReadinessProbe()).as("%s readiness probe", name).isNotNull();
                assertHardened(name, container);
            }
            for (Container init : spec.getInitContainers()) {
                assertHardened(name + " init", init);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ValueSets.class)
    void theServicesProbeActuatorStopGracefullyAndSpreadTheirReplicas(ValueSets set) {
        List<HasMetadata> objects = set.objects();
        for (String service : SERVICES) {
            Deployment deployment = Chart.find(objects, Deployment.class, Chart.RELEASE + "-" + service);
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            Container container = pod.getContainers().getFirst();

            assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
            assertThat(container.getStartupProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
            assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
            // The gateway's API port serves no /actuator: its probes use its management port.
            String probePort = service.equals("gateway") ? "management" : "http";
            assertThat(List.of(container.getLivenessProbe(), container.getStartupProbe(), container.getReadinessProbe()))
                    .allSatisfy(probe -> assertThat(probe.getHttpGet().getPort().getStrVal()).as(service).isEqualTo(probePort));
            int pause = container.getLifecycle().getPreStop().getSleep().getSeconds().intValue();
            assertThat(pause).isPositive();
            // The pause plus Spring's 20 s graceful shutdown must end before Kubernetes kills the pod.
            assertThat(pod.getTerminationGracePeriodSeconds()).isGreaterThan(pause + 20L);
            assertThat(pod.getTopologySpreadConstraints()).extracting(c -> c.getTopologyKey())
                    .containsExactly("topology.kubernetes.io/zone", "kubernetes.io/hostname");
            assertThat(pod.getVolumes()).anySatisfy(volume -> assertThat(volume.getEmptyDir()).isNotNull());
            assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(ValueSets.class)
    void theGatewaysManagementPortIsDeclaredBesideItsApiPortAndScrapedThere(ValueSets set) {
        List<HasMetadata> objects = set.objects();
        Deployment gateway = Chart.find(objects, Deployment.class, "cercle-gateway");
        Container container = gateway.getSpec().getTemplate().getSpec().getContainers().getFirst();

        assertThat(container.getPorts()).extracting(port -> port.getName() + "=" + port.getContainerPort())
                .containsExactly("http=8080", "management=8090");
        assertThat(Chart.find(objects, io.fabric8.kubernetes.api.model.Service.class, "cercle-gateway").getSpec().getPorts())
                .extracting(port -> port.getName() + "=" + port.getPort() + "->" + port.getTargetPort().getStrVal())
                .containsExactly("http=8080->http", "management=8090->management");
        assertThat(Chart.environment(objects, "gateway", (s, k) -> "secret:" + k)).containsEntry("MANAGEMENT_PORT", "8090");
        if (set != ValueSets.PRODUCTION) {
            assertThat(gateway.getSpec().getTemplate().getMetadata().getAnnotations())
                    .containsEntry("prometheus.io/port", "8090");
        }
        // The other services keep one port for everything.
        Deployment content = Chart.find(objects, Deployment.class, "cercle-content");
        assertThat(content.getSpec().getTemplate().getSpec().getContainers().getFirst().getPorts())
                .extracting(port -> port.getName()).containsExactly("http");
    }

    @Test
    void aManagementPortEqualToTheApiPortIsRefused() {
        assertThatThrownBy(() -> ValueSets.CHART.render(List.of(), Map.of("services.gateway.managementPort", 8080)))
                .hasMessageContaining("services.gateway.managementPort must differ from services.gateway.port");
    }

    @ParameterizedTest
    @EnumSource(ValueSets.class)
    void noSecretValueIsInlined(ValueSets set) {
        String manifest = set.render();
        List<HasMetadata> objects = Chart.parse(manifest);

        assertThat(Chart.all(objects, Secret.class)).as("the chart never creates Secrets").isEmpty();
        assertThat(CREDENTIALS_IN_URL.matcher(manifest).find()).as("no credentials in a URL").isFalse();
        for (ConfigMap configMap : Chart.all(objects, ConfigMap.class)) {
            if (configMap.getData() != null) {
                assertThat(configMap.getData().keySet()).as(configMap.getMetadata().getName())
                        .noneMatch(key -> SECRET_NAME.matcher(key).matches());
            }
        }
        List<EnvVar> env = new ArrayList<>();
        Chart.podTemplates(objects).forEach(pod -> containers(pod.getSpec()).forEach(c -> env.addAll(c.getEnv())));
        for (EnvVar var : env) {
            if (SECRET_NAME.matcher(var.getName()).matches() || var.getName().equals("MONGODB_URI") && var.getValue() == null) {
                assertThat(var.getValue()).as(var.getName()).isNull();
                assertThat(var.getValueFrom().getSecretKeyRef().getName()).as(var.getName()).isEqualTo("cercle-secrets");
            }
        }
        assertThat(env).as("secret references").anyMatch(var -> var.getValueFrom() != null);
    }

    @Test
    void productionScalesTheBusiestServicesWithHpasAndKeepsPodDisruptionBudgets() {
        List<HasMetadata> objects = ValueSets.PRODUCTION.objects();

        assertThat(Chart.all(objects, HorizontalPodAutoscaler.class))
                .extracting(hpa -> hpa.getMetadata().getName(), hpa -> hpa.getSpec().getMinReplicas(), hpa -> hpa.getSpec().getMaxReplicas())
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("cercle-gateway", 3, 10),
                        org.assertj.core.groups.Tuple.tuple("cercle-content", 3, 12));
        // With an HPA the Deployment leaves replicas to it (else every upgrade would reset them).
        assertThat(Chart.find(objects, Deployment.class, "cercle-gateway").getSpec().getReplicas()).isNull();
        assertThat(Chart.find(objects, Deployment.class, "cercle-identity").getSpec().getReplicas()).isEqualTo(2);
        assertThat(Chart.all(objects, PodDisruptionBudget.class)).hasSize(6)
                .allSatisfy(pdb -> assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1));
        assertThat(ValueSets.TRIAL.objects()).noneMatch(o -> o instanceof PodDisruptionBudget || o instanceof HorizontalPodAutoscaler);
    }

    @Test
    void productionExposesTheGatewayOnlyThroughATlsIngressAndIsScrapedByServiceMonitors() {
        List<HasMetadata> objects = ValueSets.PRODUCTION.objects();

        Ingress ingress = Chart.all(objects, Ingress.class).getFirst();
        assertThat(ingress.getSpec().getTls()).singleElement().satisfies(tls -> {
            assertThat(tls.getHosts()).containsExactly("cercle.example.com");
            assertThat(tls.getSecretName()).isEqualTo("cercle-tls");
        });
        // The API and its descriptions only, on the API port: the gateway's /actuator is on its management port.
        assertThat(ingress.getSpec().getRules()).singleElement().satisfies(rule -> {
            assertThat(rule.getHttp().getPaths()).extracting(path -> path.getPath())
                    .containsExactly("/api", "/v3/api-docs", "/swagger-ui", "/swagger-ui.html", "/webjars");
            assertThat(rule.getHttp().getPaths()).allSatisfy(path -> {
                assertThat(path.getBackend().getService().getName()).isEqualTo("cercle-gateway");
                assertThat(path.getBackend().getService().getPort().getName()).isEqualTo("http");
            });
        });
        List<GenericKubernetesResource> monitors = Chart.all(objects, GenericKubernetesResource.class);
        assertThat(monitors).hasSize(6).allSatisfy(monitor -> {
            assertThat(monitor.getKind()).isEqualTo("ServiceMonitor");
            assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack");
            @SuppressWarnings("unchecked")
            Map<String, Object> endpoint = ((List<Map<String, Object>>) ((Map<String, Object>) monitor.getAdditionalProperties()
                    .get("spec")).get("endpoints")).getFirst();
            assertThat(endpoint).containsEntry("path", "/actuator/prometheus").containsEntry("honorLabels", true);
            // Prometheus scrapes the gateway on its management port, the others on their only port.
            assertThat(endpoint).containsEntry("port",
                    monitor.getMetadata().getName().equals("cercle-gateway") ? "management" : "http");
        });
        assertThat(ValueSets.DEFAULTS.objects()).noneMatch(o -> o instanceof Ingress || o instanceof GenericKubernetesResource);
        assertThat(Chart.find(ValueSets.DEFAULTS.objects(), Deployment.class, "cercle-content").getSpec().getTemplate()
                .getMetadata().getAnnotations()).containsEntry("prometheus.io/path", "/actuator/prometheus");
    }

    @Test
    void theDashboardShowsTrafficLatencyErrorsRelayLagAndDeadLetters() {
        ConfigMap dashboard = Chart.find(ValueSets.PRODUCTION.objects(), ConfigMap.class, "cercle-dashboard");

        assertThat(dashboard.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
        Map<?, ?> json = Serialization.unmarshal(dashboard.getData().get("cercle-overview.json"), Map.class);
        List<String> queries = new ArrayList<>();
        collectQueries(json, queries);
        assertThat(queries).anyMatch(q -> q.contains("rate(http_server_requests_seconds_count"))
                .anyMatch(q -> q.contains("http_server_requests_seconds_sum"))
                .anyMatch(q -> q.contains("status=~\"5..\""))
                .anyMatch(q -> q.contains("cercle_outbox_relay_lag_seconds"))
                .anyMatch(q -> q.contains("cercle_events_dead_lettered_total"));
        assertThat(Chart.all(ValueSets.DEFAULTS.objects(), ConfigMap.class))
                .noneMatch(c -> c.getMetadata().getName().equals("cercle-dashboard"));
    }

    private static void assertHardened(String name, Container container) {
        var security = container.getSecurityContext();
        assertThat(security.getRunAsNonRoot()).as("%s runAsNonRoot", name).isTrue();
        assertThat(security.getReadOnlyRootFilesystem()).as("%s readOnlyRootFilesystem", name).isTrue();
        assertThat(security.getAllowPrivilegeEscalation()).as("%s allowPrivilegeEscalation", name).isFalse();
        assertThat(security.getCapabilities().getDrop()).as("%s capabilities", name).containsExactly("ALL");
        var resources = container.getResources();
        assertThat(resources.getRequests()).as("%s requests", name).containsKeys("cpu", "memory");
        assertThat(resources.getLimits()).as("%s limits", name).containsKey("memory");
    }

    private static List<Container> containers(PodSpec pod) {
        List<Container> all = new ArrayList<>(pod.getContainers());
        all.addAll(pod.getInitContainers());
        return all;
    }

    private static void collectQueries(Object node, List<String> into) {
        if (node instanceof Map<?, ?> map) {
            if (map.get("expr") instanceof String expr) {
                into.add(expr);
            }
            map.values().forEach(value -> collectQueries(value, into));
        } else if (node instanceof Collection<?> list) {
            list.forEach(value -> collectQueries(value, into));
        }
    }

    /** Fields fabric8 did not recognise anywhere in the object: a misspelled or misplaced key in a template. */
    private static List<String> unknownFields(Object root) {
        List<String> unknown = new ArrayList<>();
        walk(root, "", unknown, java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
        return unknown;
    }

    private static void walk(Object node, String path, List<String> unknown, Set<Object> seen) {
        if (node == null || !seen.add(node)) {
            return;
        }
        if (node instanceof Collection<?> list) {
            int i = 0;
            for (Object item : list) {
                walk(item, path + "[" + i++ + "]", unknown, seen);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> walk(value, path + "." + key, unknown, seen));
            return;
        }
        if (!node.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method method : node.getClass().getMethods()) {
            if (method.getParameterCount() != 0 || !method.getName().startsWith("get") || method.getDeclaringClass() == Object.class) {
                continue;
            }
            try {
                Object value = method.invoke(node);
                if (method.getName().equals("getAdditionalProperties")) {
                    if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                        unknown.add(path + " " + extra.keySet());
                    }
                } else {
                    walk(value, path + "." + method.getName().substring(3), unknown, seen);
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
