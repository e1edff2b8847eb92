package io.cercle.k8s;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * The Helm chart under {@code k8s/cercle}, run by Helm itself (helm-java bundles it natively, offline), and what it
 * renders read back as Kubernetes objects (fabric8's model). Used by the chart's tests and by the system test that
 * starts the services with the environment the chart gives them.
 */
public final class Chart {

    /** The release name the tests and golden files use. */
    public static final String RELEASE = "cercle";
    public static final String NAMESPACE = "cercle";
    /** The cluster version rendering assumes (the bundled Helm's own default, 1.20, is older than the chart allows). */
    public static final String KUBE_VERSION = "1.31.0";

    private final Path directory;

    private Chart(Path directory) {
        this.directory = directory;
    }

    /** The chart of this checkout, found from the working directory (a module directory or the repository root). */
    public static Chart ofRepository() {
        Path here = Path.of("").toAbsolutePath();
        for (Path dir = here; dir != null; dir = dir.getParent()) {
            Path chart = dir.resolve("k8s/cercle");
            if (Files.isRegularFile(chart.resolve("Chart.yaml"))) {
                return new Chart(chart);
            }
        }
        throw new IllegalStateException("No k8s/cercle/Chart.yaml in " + here + " or above");
    }

    public Path directory() {
        return directory;
    }

    /** The example value sets ops start from (k8s/examples/*.yaml). */
    public Path example(String name) {
        return directory.resolveSibling("examples").resolve(name + ".yaml");
    }

    /** {@code helm lint --strict} on the chart's default values. */
    public LintResult lintStrict() {
        return new Helm(directory).lint().strict().call();
    }

    /** {@code helm template} with these values files (in order) and {@code --set key=value} overrides. */
    public String render(List<Path> valuesFiles, Map<String, ?> sets) {
        TemplateCommand template = new Helm(directory).template().withName(RELEASE).withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION);
        valuesFiles.forEach(template::withValuesFile);
        sets.forEach(template::set);
        return template.call();
    }

    public String render(Path... valuesFiles) {
        return render(List.of(valuesFiles), Map.of());
    }

    /** Every object of a rendered manifest, typed where fabric8 knows the kind. */
    public static List<HasMetadata> parse(String manifest) {
        Object parsed = Serialization.unmarshal(new ByteArrayInputStream(manifest.getBytes(StandardCharsets.UTF_8)));
        if (parsed instanceof KubernetesList list) {
            return list.getItems();
        }
        if (parsed instanceof List<?> list) {
            return list.stream().filter(Objects::nonNull).map(HasMetadata.class::cast).toList();
        }
        return List.of((HasMetadata) parsed);
    }

    /**
     * The environment a service's container gets from these objects, as Kubernetes would build it: its
     * ConfigMap (envFrom), then its env entries, where a secret reference is resolved by {@code secrets}
     * (Secret name, key) as the cluster's Secret would.
     */
    public static Map<String, String> environment(List<HasMetadata> objects, String service,
                                                  BiFunction<String, String, String> secrets) {
        String name = RELEASE + "-" + service;
        Deployment deployment = find(objects, Deployment.class, name);
        Container container = deployment.getSpec().getTemplate().getSpec().getContainers().getFirst();
        Map<String, String> env = new LinkedHashMap<>();
        container.getEnvFrom().forEach(source -> {
            String configMap = source.getConfigMapRef().getName();
            env.putAll(find(objects, ConfigMap.class, configMap).getData());
        });
        for (EnvVar var : container.getEnv()) {
            if (var.getValueFrom() != null) {
                var ref = var.getValueFrom().getSecretKeyRef();
                env.put(var.getName(), secrets.apply(ref.getName(), ref.getKey()));
            } else {
                env.put(var.getName(), var.getValue());
            }
        }
        return env;
    }

    /** The pod templates of every workload: Deployments (the services, the mail catcher) and StatefulSets (trial). */
    public static List<PodTemplateSpec> podTemplates(List<HasMetadata> objects) {
        List<PodTemplateSpec> pods = new ArrayList<>();
        all(objects, Deployment.class).forEach(deployment -> pods.add(deployment.getSpec().getTemplate()));
        all(objects, StatefulSet.class).forEach(statefulSet -> pods.add(statefulSet.getSpec().getTemplate()));
        return pods;
    }

    public static <T extends HasMetadata> T find(List<HasMetadata> objects, Class<T> kind, String name) {
        return all(objects, kind).stream()
                .filter(o -> o.getMetadata().getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No " + kind.getSimpleName() + " " + name));
    }

    public static <T extends HasMetadata> List<T> all(List<HasMetadata> objects, Class<T> kind) {
        List<T> found = new ArrayList<>();
        objects.stream().filter(kind::isInstance).map(kind::cast).forEach(found::add);
        return found;
    }
}
