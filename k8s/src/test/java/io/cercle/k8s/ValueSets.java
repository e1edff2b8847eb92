package io.cercle.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The value sets the chart is rendered with: its defaults, and the two examples ops start from. */
enum ValueSets {
    DEFAULTS, PRODUCTION, TRIAL;

    static final Chart CHART = Chart.ofRepository();

    String fileName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    List<Path> files() {
        return this == DEFAULTS ? List.of() : List.of(CHART.example(fileName()));
    }

    String render() {
        return CHART.render(files(), java.util.Map.of());
    }

    List<HasMetadata> objects() {
        return Chart.parse(render());
    }

    static Stream<ValueSets> all() {
        return Stream.of(values());
    }
}
