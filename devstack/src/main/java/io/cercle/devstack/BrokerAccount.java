package io.cercle.devstack;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The RabbitMQ user one service connects as, and what it may touch. The names follow the bus's conventions
 * (cercle-defaults.properties, docs/events.md): a service publishes to its topic exchange {@code cercle.<service>};
 * each consumer group {@code <module>.<purpose>} has the queue {@code cercle.<source>.<module>.<purpose>} and its
 * {@code .dlq}; the binder declares the dead-letter exchange {@code DLX} and republishes failed deliveries there.
 * The regexes were worked out by running the services' binder against a RabbitMQ with nothing more allowed
 * (docs/operations.md lists them for operators; the Helm chart's trial definitions build the same ones).
 *
 * @param service   short name, e.g. {@code notification}
 * @param module    module and group prefix, e.g. {@code notification-service}
 * @param readsFrom short names of the services whose exchanges this one consumes from
 */
public record BrokerAccount(String service, String module, String username, String password, List<String> readsFrom) {

    /** Spring Cloud Stream's default dead-letter exchange (auto-bind-dlq, republish-to-dlq). */
    public static final String DEAD_LETTER_EXCHANGE = "DLX";
    private static final SecureRandom RANDOM = new SecureRandom();

    public BrokerAccount {
        readsFrom = List.copyOf(readsFrom);
    }

    /**
     * The accounts of {@code services} as they publish and consume today (each service's application.yml bindings),
     * named {@code <usernamePrefix><service>} (the chart's default prefix is {@code cercle-}) with a fresh random
     * password each.
     */
    public static List<BrokerAccount> forServices(List<ServiceSpec> services, String usernamePrefix) {
        return services.stream()
                // The gateway has no bus (its pom excludes the binder).
                .filter(service -> !service.equals(ServiceSpec.GATEWAY))
                .map(service -> new BrokerAccount(service.shortName(), service.module(),
                        usernamePrefix + service.shortName(), randomPassword(),
                        service.equals(ServiceSpec.NOTIFICATION) ? List.of("identity") : List.of()))
                .toList();
    }

    /** The broker may listen beyond loopback, and unlike guest these users may log in from anywhere. */
    private static String randomPassword() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Declare (and so delete): its exchange, the exchanges it consumes from (the binder declares a consumer's
     * source exchange before binding its queue to it, so that no start order is needed), its queues, the DLX.
     */
    public String configure() {
        return anchored(Stream.of(Stream.of(ownExchange()), sourceExchanges(), Stream.of(ownQueues(), DEAD_LETTER_EXCHANGE)));
    }

    /** Publish to its exchange and, for failed deliveries, the DLX; bind its own queues (queue.bind needs write). */
    public String write() {
        return anchored(Stream.of(Stream.of(ownExchange(), ownQueues(), DEAD_LETTER_EXCHANGE)));
    }

    /** Consume from its own queues; bind them to its source exchanges and the DLX (queue.bind needs read on those). */
    public String read() {
        return anchored(Stream.of(sourceExchanges(), Stream.of(ownQueues(), DEAD_LETTER_EXCHANGE)));
    }

    private String ownExchange() {
        return "cercle\\." + service;
    }

    private Stream<String> sourceExchanges() {
        return readsFrom.stream().map(source -> "cercle\\." + source);
    }

    /** {@code cercle.<any source>.<module>.<purpose>} and its {@code .dlq}. */
    private String ownQueues() {
        return "cercle\\.[^.]+\\." + module + "\\..+";
    }

    private static String anchored(Stream<Stream<String>> parts) {
        return parts.flatMap(s -> s).collect(Collectors.joining("|", "^(", ")$"));
    }

    @Override
    public String toString() {
        // Never the password.
        return "BrokerAccount[" + username + "]";
    }
}
