package io.cercle.k8s;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What each value set renders is reviewed as a file: k8s/src/test/resources/golden/<set>.yaml. A chart change that
 * changes the output fails here until the golden files are rewritten on purpose, in the same commit:
 * {@code ./mvnw -pl k8s test -Dgolden.update=true}, then read the diff.
 */
class GoldenFilesTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden");

    @ParameterizedTest
    @EnumSource(ValueSets.class)
    void theRenderedManifestsMatchTheGoldenFiles(ValueSets set) throws IOException {
        String rendered = set.render();
        Path golden = GOLDEN.resolve(set.fileName() + ".yaml");

        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(golden, rendered);
        }
        assertThat(golden).as("golden file (create it with -Dgolden.update=true)").exists();
        assertThat(rendered).as("rendered %s vs %s (rewrite with -Dgolden.update=true)", set, golden)
                .isEqualTo(Files.readString(golden));
    }
}
