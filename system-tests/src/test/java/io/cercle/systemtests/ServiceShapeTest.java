package io.cercle.systemtests;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every service has the same shape (docs/architecture.md, how to add a feature) and takes what all services share from service-defaults
 * instead of carrying its own copy; only its {@code messaging} package talks to the bus (docs/architecture.md, how to add a feature).
 * Checked on each service's compiled classes.
 */
class ServiceShapeTest {

    private static final Path ROOT = Path.of(System.getProperty("cercle.repo.root", "..")).toAbsolutePath().normalize();

    @ParameterizedTest
    @ValueSource(strings = {"identity", "community", "content", "gamification", "notification"})
    void aBackendServiceHasTheSharedLayout(String service) {
        Path module = ROOT.resolve(service + "-service");
        String basePackage = "io/cercle/" + service;
        String application = Character.toUpperCase(service.charAt(0)) + service.substring(1) + "ServiceApplication";

        assertThat(module.resolve("src/main/java/" + basePackage + "/" + application + ".java")).isRegularFile();
        assertThat(module.resolve("src/main/java/" + basePackage + "/messaging/package-info.java")).isRegularFile();
        assertThat(module.resolve("src/main/resources/application.yml")).isRegularFile();
        assertThat(module.resolve("src/test/java/" + basePackage + "/" + application.replace("Application", "")
                + "ConformanceTest.java")).isRegularFile();
    }

    @ParameterizedTest
    @ValueSource(strings = {"gateway", "identity", "community", "content", "gamification", "notification"})
    void aServiceCarriesNoCopyOfWhatServiceDefaultsProvides(String service) {
        JavaClasses classes = classesOf(service);

        noClasses().should().beAnnotatedWith("org.springframework.web.bind.annotation.RestControllerAdvice")
                .orShould().beAnnotatedWith("org.springframework.web.bind.annotation.ControllerAdvice")
                .orShould().beAnnotatedWith("org.springframework.security.config.annotation.web.configuration.EnableWebSecurity")
                .orShould().beAnnotatedWith("org.springframework.scheduling.annotation.EnableScheduling")
                .orShould().implement("org.springframework.boot.EnvironmentPostProcessor")
                .because("security, problem details, scheduling and defaults come from service-defaults")
                .allowEmptyShould(true)
                .check(classes);
        methods().should().notHaveRawReturnType("org.springframework.security.web.SecurityFilterChain")
                .andShould().notHaveRawReturnType("org.springframework.security.web.server.SecurityWebFilterChain")
                .andShould().notHaveRawReturnType("org.springframework.security.oauth2.jwt.JwtDecoder")
                .andShould().notHaveRawReturnType("io.swagger.v3.oas.models.OpenAPI")
                .because("service-defaults configures security and OpenAPI for every service")
                .allowEmptyShould(true)
                .check(classes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"identity", "community", "content", "gamification", "notification"})
    void onlyTheMessagingPackageTalksToTheBus(String service) {
        noClasses().that().resideOutsideOfPackage("io.cercle." + service + ".messaging..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.cloud.stream..",
                        "org.springframework.amqp..", "com.rabbitmq..", "io.cercle.events..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("io.cercle.platform.messaging.EventJournal")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("io.cercle.platform.messaging.Inbox")
                .because("domain changes and integration events meet in messaging/ only (docs/architecture.md, how to add a feature)")
                .allowEmptyShould(true)
                .check(classesOf(service));
    }

    @ParameterizedTest
    @ValueSource(strings = {"identity", "community", "content", "gamification", "notification"})
    void featurePackagesDependOnEachOtherWithoutCycles(String service) {
        featuresFreeOfCycles("io.cercle." + service).check(classesOf(service));
    }

    @org.junit.jupiter.api.Test
    void theCycleRuleSeesACycle() {
        JavaClasses fixture = new ClassFileImporter().importPackages("io.cercle.systemtests.fixture.cycle");

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> featuresFreeOfCycles("io.cercle.systemtests.fixture.cycle").check(fixture))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("first").hasMessageContaining("second");
    }

    /** Features (the packages right under a service's base package) may use each other one way only. */
    private static com.tngtech.archunit.lang.ArchRule featuresFreeOfCycles(String basePackage) {
        return com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices()
                .matching(basePackage + ".(*)..").should().beFreeOfCycles()
                .because("a feature reacts to another's events instead of calling it back (docs/architecture.md)")
                .allowEmptyShould(true);
    }

    private static JavaClasses classesOf(String service) {
        Path classes = ROOT.resolve(service + "-service/target/classes");
        assertThat(classes).as("compiled classes of " + service + "-service").isDirectory();
        JavaClasses imported = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPath(classes);
        assertThat(imported.stream().map(JavaClass::getPackageName).distinct().toList())
                .as("packages of " + service).isNotEmpty().allMatch(p -> p.startsWith("io.cercle." + service));
        return imported;
    }
}
