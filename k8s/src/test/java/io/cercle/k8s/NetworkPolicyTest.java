package io.cercle.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The NetworkPolicies allow exactly what the services' values declare (public, calls, uses), which by default is: the
 * gateway's callers → gateway's API port; gateway → the five services; services → MongoDB, RabbitMQ, Keycloak;
 * gateway → Keycloak (and its Redis); notification → SMTP; everyone → DNS; and, when configured, Prometheus → every
 * service (the gateway: its management port) and every service → the OTLP collector. Each policy is read back as a
 * set of "who → whom:port" paths and compared with that list, so a path too many fails as surely as a path missing.
 */
class NetworkPolicyTest {

    private static final Map<String, Integer> BACKENDS = Map.of("identity", 8081, "community", 8082, "content", 8083,
            "gamification", 8084, "notification", 8085);

    @Test
    void productionAllowsExactlyTheDocumentedPathsToExternalInfrastructure() {
        Set<String> paths = paths(ValueSets.PRODUCTION.objects());

        Set<String> expected = new TreeSet<>();
        // The ingress controller reaches the API port only; Prometheus the management port only.
        expected.add("ns=ingress-nginx -> gateway:8080");
        expected.add("ns=monitoring -> gateway:8090");
        String keycloak = "ns=identity,pod={app=keycloak}:8080";
        allServices().forEach(service -> {
            expected.add(service + " -> ns=kube-system,pod={k8s-app=kube-dns}:53/UDP");
            expected.add(service + " -> ns=kube-system,pod={k8s-app=kube-dns}:53/TCP");
            expected.add(service + " -> " + keycloak);
            expected.add(service + " -> ns=observability:4318");
        });
        BACKENDS.forEach((backend, port) -> {
            expected.add("gateway -> " + backend + ":" + port);
            expected.add("ns=monitoring -> " + backend + ":" + port);
            expected.add(backend + " -> ip=10.20.0.0/24:27017");
            expected.add(backend + " -> ns=cercle-infra,pod={app.kubernetes.io/name=rabbitmq}:5672");
        });
        expected.add("gateway -> ns=cercle-infra,pod={app.kubernetes.io/name=redis}:6379");
        expected.add("notification -> ip=203.0.113.25/32:587");

        assertThat(paths).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void trialAllowsTheSamePathsToTheInReleaseInfrastructureAndNothingOutOfIt() {
        Set<String> paths = paths(ValueSets.TRIAL.objects());

        Set<String> expected = new TreeSet<>();
        expected.add("anyone -> gateway:8080");
        List<String> all = new ArrayList<>(allServices());
        all.addAll(List.of("mongodb", "rabbitmq", "keycloak", "mailcatcher"));
        all.forEach(component -> {
            expected.add(component + " -> anywhere:53/UDP");
            expected.add(component + " -> anywhere:53/TCP");
        });
        allServices().forEach(service -> {
            expected.add(service + " -> keycloak:8080");
            expected.add(service + " -> keycloak:8080 (received)");
        });
        BACKENDS.forEach((backend, port) -> {
            expected.add("gateway -> " + backend + ":" + port);
            expected.add(backend + " -> mongodb:27017");
            expected.add(backend + " -> rabbitmq:5672");
            expected.add(backend + " -> mongodb:27017 (received)");
            expected.add(backend + " -> rabbitmq:5672 (received)");
        });
        expected.add("notification -> mailcatcher:1025");
        expected.add("notification -> mailcatcher:1025 (received)");
        // Keycloak's own emails: verifying a newcomer's address at registration.
        expected.add("keycloak -> mailcatcher:1025");
        expected.add("keycloak -> mailcatcher:1025 (received)");

        assertThat(paths).containsExactlyInAnyOrderElementsOf(expected);
    }

    /** No service is special to the templates: declaring a call or a use in values opens exactly that path. */
    @Test
    void pathsFollowWhatTheValuesDeclareNotTheServicesNames() {
        Set<String> defaults = paths(ValueSets.TRIAL.objects());
        Set<String> paths = paths(Chart.parse(ValueSets.CHART.render(ValueSets.TRIAL.files(),
                Map.of("services.content.calls[0]", "identity", "services.gamification.uses[0]", "mongodb",
                        "services.gamification.uses[1]", "rabbitmq", "services.gamification.uses[2]", "smtp"))));

        Set<String> added = new TreeSet<>(paths);
        added.removeAll(defaults);
        assertThat(added).containsExactlyInAnyOrder("content -> identity:8081", "content -> identity:8081 (received)",
                "gamification -> mailcatcher:1025", "gamification -> mailcatcher:1025 (received)");
        assertThat(paths).containsAll(defaults);
    }

    @Test
    void aServiceNeitherPublicNorCalledIsRefused() {
        assertThatThrownBy(() -> ValueSets.CHART.render(ValueSets.TRIAL.files(),
                Map.of("services.gateway.calls[0]", "identity", "services.gateway.calls[1]", "content",
                        "services.gateway.calls[2]", "gamification", "services.gateway.calls[3]", "notification")))
                .hasMessageContaining("services.community is neither public nor called by another service");
    }

    @Test
    void everyPodOfTheReleaseIsDeniedByDefault() {
        for (ValueSets set : List.of(ValueSets.PRODUCTION, ValueSets.TRIAL)) {
            NetworkPolicy deny = Chart.find(set.objects(), NetworkPolicy.class, "cercle-default-deny");

            assertThat(deny.getSpec().getPodSelector().getMatchLabels()).containsExactly(Map.entry("app.kubernetes.io/instance", "cercle"));
            assertThat(deny.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
            assertThat(deny.getSpec().getIngress()).isEmpty();
            assertThat(deny.getSpec().getEgress()).isEmpty();
        }
        assertThat(ValueSets.DEFAULTS.objects()).noneMatch(NetworkPolicy.class::isInstance);
    }

    @Test
    void withoutTrialTheExternalInfrastructureMustBeNamed() {
        assertThatThrownBy(() -> ValueSets.CHART.render(List.of(), Map.of("networkPolicy.enabled", true)))
                .hasMessageContaining("networkPolicy.egress.mongodb.to must say where mongodb is");
        assertThatThrownBy(() -> ValueSets.CHART.render(List.of(ValueSets.CHART.example("trial")),
                Map.of("common.tracing.otlpEndpoint", "http://collector:4318/v1/traces")))
                .hasMessageContaining("networkPolicy.egress.otlp.to must say where the OTLP collector is");
    }

    /**
     * Every allowed path: "source -> destination:port[/protocol]". An ingress rule is written from the receiving
     * side and marked "(received)" when the source is another in-release component whose own egress must match.
     */
    private static Set<String> paths(List<HasMetadata> objects) {
        Set<String> paths = new TreeSet<>();
        for (NetworkPolicy policy : Chart.all(objects, NetworkPolicy.class)) {
            String self = policy.getSpec().getPodSelector().getMatchLabels().get("app.kubernetes.io/component");
            if (self == null) {
                continue; // the default deny
            }
            boolean ingressOnly = policy.getSpec().getPolicyTypes().containsAll(List.of("Ingress", "Egress"));
            assertThat(ingressOnly).as("%s declares both directions", self).isTrue();
            policy.getSpec().getIngress().forEach(rule -> {
                List<String> sources = rule.getFrom().isEmpty() ? List.of("anyone") : rule.getFrom().stream().map(NetworkPolicyTest::describe).toList();
                for (String source : sources) {
                    for (NetworkPolicyPort port : rule.getPorts()) {
                        boolean inRelease = !source.contains("=") && !source.equals("anyone");
                        boolean fromGateway = source.equals("gateway") && BACKENDS.containsKey(self);
                        String path = source + " -> " + self + ":" + port(port);
                        paths.add(inRelease && !fromGateway ? path + " (received)" : path);
                    }
                }
            });
            policy.getSpec().getEgress().forEach(rule -> {
                List<String> targets = rule.getTo().isEmpty() ? List.of("anywhere") : rule.getTo().stream().map(NetworkPolicyTest::describe).toList();
                for (String target : targets) {
                    for (NetworkPolicyPort port : rule.getPorts()) {
                        paths.add(self + " -> " + target + ":" + port(port));
                    }
                }
            });
        }
        // An in-release path must be allowed at both ends: each egress to a component has its ingress twin.
        paths.stream().filter(p -> p.endsWith(" (received)")).forEach(received ->
                assertThat(paths).as("egress matching %s", received).contains(received.replace(" (received)", "")));
        return paths;
    }

    private static String port(NetworkPolicyPort port) {
        String number = String.valueOf(port.getPort().getIntVal());
        return "UDP".equals(port.getProtocol()) || port.getPort().getIntVal() == 53 ? number + "/" + port.getProtocol() : number;
    }

    private static String describe(NetworkPolicyPeer peer) {
        if (peer.getIpBlock() != null) {
            return "ip=" + peer.getIpBlock().getCidr();
        }
        if (peer.getNamespaceSelector() == null && peer.getPodSelector() != null
                && peer.getPodSelector().getMatchLabels().containsKey("app.kubernetes.io/component")) {
            assertThat(peer.getPodSelector().getMatchLabels()).containsEntry("app.kubernetes.io/instance", "cercle");
            return peer.getPodSelector().getMatchLabels().get("app.kubernetes.io/component");
        }
        List<String> parts = new ArrayList<>();
        if (peer.getNamespaceSelector() != null) {
            parts.add("ns=" + peer.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name"));
        }
        if (peer.getPodSelector() != null) {
            parts.add("pod=" + labels(peer.getPodSelector()));
        }
        return String.join(",", parts);
    }

    private static String labels(LabelSelector selector) {
        return new TreeMap<>(selector.getMatchLabels()).toString();
    }

    private static List<String> allServices() {
        List<String> all = new ArrayList<>(List.of("gateway"));
        all.addAll(new TreeSet<>(BACKENDS.keySet()));
        return all;
    }
}
