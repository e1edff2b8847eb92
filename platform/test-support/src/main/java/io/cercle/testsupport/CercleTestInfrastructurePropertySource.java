package io.cercle.testsupport;

import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Connection properties of the JVM-wide test infrastructure, resolved lazily: the MongoDB, broker or SMTP server
 * is started only when a context actually reads its property, so a web slice test starts none of them.
 */
final class CercleTestInfrastructurePropertySource extends PropertySource<Object> {

    static final String NAME = "cercleTestInfrastructure";
    /** Where {@link TestSigningKey} serves its public key; {@link CercleWebMvcTest} points the service at it. */
    static final String JWK_SET_URI = "cercle.test.tokens.jwk-set-uri";
    private static final Pattern NOT_A_DATABASE_CHARACTER = Pattern.compile("[^a-z0-9_-]");

    // Not the source: Spring Boot flattens a property source whose source is an Environment into that
    // Environment's sources, which include this one, and loops forever.
    private final Environment environment;

    CercleTestInfrastructurePropertySource(Environment environment) {
        super(NAME, new Object());
        this.environment = environment;
    }

    @Override
    public Object getProperty(String name) {
        return switch (name) {
            case "spring.mongodb.uri" -> TestMongo.get().uri(database());
            case "spring.rabbitmq.host" -> TestBroker.get().host();
            case "spring.rabbitmq.port" -> String.valueOf(TestBroker.get().port());
            case "spring.rabbitmq.username" -> TestBroker.get().username();
            case "spring.rabbitmq.password" -> TestBroker.get().password();
            case "cercle.messaging.broker" -> TestBroker.get().messagingBroker();
            case "spring.mail.host" -> TestSmtp.host();
            case "spring.mail.port" -> String.valueOf(TestSmtp.port());
            case JWK_SET_URI -> TestSigningKey.get().jwkSetUri();
            default -> null;
        };
    }

    /** One database per application, as in production, named after spring.application.name. */
    private String database() {
        String application = environment.getProperty("spring.application.name", "test");
        String sanitized = NOT_A_DATABASE_CHARACTER.matcher(application.toLowerCase(Locale.ROOT)).replaceAll("-");
        return sanitized.isBlank() ? "test" : sanitized;
    }
}
