package io.cercle.systemtests;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every service has the same shape (docs/architecture.md, how to add a feature) and takes what all services share from service-defaults
 * instead of carrying its own copy; only its {@code messaging} package talks to the bus (docs/architecture.md, how to add a feature);
 * features depend on each other one way only and never reach into another's {@code internal} package; repositories
 * are their feature's own; configuration is one XConfiguration per feature and XProperties records, never @Value.
 * Checked on each service's compiled classes; the rules that look for a defect are shown to find it on fixtures.
 */
class ServiceShapeTest {

    private static final String CONFIGURATION = "org.springframework.context.annotation.Configuration";
    private static final String CONFIGURATION_PROPERTIES =
            "org.springframework.boot.context.properties.ConfigurationProperties";
    private static final String VALUE = "org.springframework.beans.factory.annotation.Value";

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
    @ValueSource(strings = {"gateway", "identity", "community", "content", "gamification", "notification"})
    void featurePackagesDependOnEachOtherWithoutCycles(String service) {
        featuresFreeOfCycles("io.cercle." + service).check(classesOf(service));
    }

    @Test
    void theCycleRuleSeesACycle() {
        JavaClasses fixture = new ClassFileImporter().importPackages("io.cercle.systemtests.fixture.cycle");

        assertThatThrownBy(() -> featuresFreeOfCycles("io.cercle.systemtests.fixture.cycle").check(fixture))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("first").hasMessageContaining("second");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gateway", "identity", "community", "content", "gamification", "notification"})
    void noFeatureReachesIntoAnotherFeaturesInternalPackage(String service) {
        noReachIntoAnotherFeaturesInternal("io.cercle." + service).check(classesOf(service));
    }

    @Test
    void theInternalRuleSeesAReachIntoAnotherFeaturesInternalButNotAFeatureUsingItsOwn() {
        JavaClasses fixture = new ClassFileImporter().importPackages("io.cercle.systemtests.fixture.reach");

        assertThatThrownBy(() -> noReachIntoAnotherFeaturesInternal("io.cercle.systemtests.fixture.reach")
                .check(fixture))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("fixture.reach.second.Intruder")
                .hasMessageContaining("fixture.reach.first.internal.Secret")
                .hasMessageNotContaining("fixture.reach.first.Owner");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gateway", "identity", "community", "content", "gamification", "notification"})
    void springDataRepositoriesArePrivateToTheirFeature(String service) {
        classes().that(areSpringDataRepositories())
                .should().notBePublic().orShould().resideInAPackage("..internal..")
                .because("a repository is its feature's own; other features go through its service "
                        + "(docs/architecture.md, how to add a feature)")
                .allowEmptyShould(true)
                .check(classesOf(service));
    }

    @ParameterizedTest
    @ValueSource(strings = {"gateway", "identity", "community", "content", "gamification", "notification"})
    void configurationClassesAreNamedConfigurationAndLiveInAFeature(String service) {
        classes().that().areAnnotatedWith(CONFIGURATION)
                .should().haveSimpleNameEndingWith("Configuration")
                .andShould().resideInAPackage("io.cercle." + service + ".*..")
                .because("each feature configures itself in its XConfiguration; the root package holds the "
                        + "Application only (docs/architecture.md, how to add a feature)")
                .allowEmptyShould(true)
                .check(classesOf(service));
    }

    @ParameterizedTest
    @ValueSource(strings = {"gateway", "identity", "community", "content", "gamification", "notification"})
    void settingsAreRecordsNamedProperties(String service) {
        classes().that().areAnnotatedWith(CONFIGURATION_PROPERTIES)
                .should().beAssignableTo(Record.class)
                .andShould().haveSimpleNameEndingWith("Properties")
                .because("settings are immutable records named XProperties, checked at start")
                .allowEmptyShould(true)
                .check(classesOf(service));
    }

    @ParameterizedTest
    @ValueSource(strings = {"gateway", "identity", "community", "content", "gamification", "notification"})
    void noSettingIsReadThroughValue(String service) {
        classes().should(notUseValueAnnotations())
                .because("settings are read through @ConfigurationProperties records, which say what a service "
                        + "takes and check it at start; @Value scatters them")
                .allowEmptyShould(true)
                .check(classesOf(service));
    }

    /** Features (the packages right under a service's base package) may use each other one way only. */
    private static ArchRule featuresFreeOfCycles(String basePackage) {
        return com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices()
                .matching(basePackage + ".(*)..").should().beFreeOfCycles()
                .because("a feature reacts to another's events instead of calling it back (docs/architecture.md)")
                .allowEmptyShould(true);
    }

    /**
     * A package named {@code internal} belongs to the package that holds it (its feature): only that package and
     * its subpackages may use what is inside.
     */
    private static ArchRule noReachIntoAnotherFeaturesInternal(String basePackage) {
        return classes().should(new ArchCondition<JavaClass>("not use another feature's internal package") {
                    @Override
                    public void check(JavaClass origin, ConditionEvents events) {
                        for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                            String owner = internalOwner(basePackage, dependency.getTargetClass().getPackageName());
                            String from = origin.getPackageName();
                            if (owner != null && !from.equals(owner) && !from.startsWith(owner + ".")) {
                                events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                            }
                        }
                    }
                })
                .because("what a feature keeps in internal/ is its own (docs/architecture.md, how to add a feature)")
                .allowEmptyShould(true);
    }

    /** The package owning the {@code internal} package that {@code target} is in, or null if it is in none. */
    private static String internalOwner(String basePackage, String target) {
        if (!target.startsWith(basePackage + ".")) {
            return null;
        }
        String[] segments = target.substring(basePackage.length() + 1).split("\\.");
        StringBuilder owner = new StringBuilder(basePackage);
        for (String segment : segments) {
            if (segment.equals("internal")) {
                return owner.toString();
            }
            owner.append('.').append(segment);
        }
        return null;
    }

    private static DescribedPredicate<JavaClass> areSpringDataRepositories() {
        // By the interfaces' package: Spring Data is not on this module's classpath, so its types are stubs here.
        return DescribedPredicate.describe("are Spring Data repositories", javaClass -> javaClass.isInterface()
                && javaClass.getRawInterfaces().stream()
                .anyMatch(parent -> parent.getPackageName().startsWith("org.springframework.data")));
    }

    private static ArchCondition<JavaClass> notUseValueAnnotations() {
        return new ArchCondition<>("not use @Value") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                javaClass.getFields().stream().filter(field -> field.isAnnotatedWith(VALUE))
                        .forEach(field -> events.add(SimpleConditionEvent.violated(field, field.getFullName()
                                + " is annotated with @Value")));
                for (JavaCodeUnit codeUnit : javaClass.getCodeUnits()) {
                    boolean onParameter = codeUnit.getParameters().stream()
                            .anyMatch(parameter -> parameter.isAnnotatedWith(VALUE));
                    if (codeUnit.isAnnotatedWith(VALUE) || onParameter) {
                        events.add(SimpleConditionEvent.violated(codeUnit, codeUnit.getFullName()
                                + " takes a value through @Value"));
                    }
                }
            }
        };
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
