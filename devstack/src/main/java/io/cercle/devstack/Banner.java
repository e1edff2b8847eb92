package io.cercle.devstack;

import java.util.stream.Collectors;

/** The text printed once the stack is ready: what runs where, who can log in, and how to try it. */
final class Banner {

    private Banner() {
    }

    /** Where the broker is and whom the services connect as (their own users, or all the default one). */
    private static String broker(DevStack stack) {
        return stack.brokerDescription() + (stack.brokerUsers().isEmpty()
                ? "  (every service as one user)"
                : "  (a user per service: " + String.join(", ", stack.brokerUsers().values()) + ")");
    }

    static String ready(DevStack stack) {
        String users = DemoUser.ALL.stream()
                .map(u -> String.format("    %-8s / %-8s %s%s", u.username(), u.password(), u.role(),
                        u.tenant() == null ? " (no tenant)" : " in tenant \"" + u.tenant() + "\""))
                .collect(Collectors.joining("\n"));
        String services = stack.services().stream()
                .map(s -> String.format("    %-21s %s%s", s.module(), s.baseUrl(),
                        s.hasOwnManagementPort() ? "  (probes and metrics: " + s.managementUrl() + "/actuator)" : ""))
                .collect(Collectors.joining("\n"));
        return """

                ==================================================================================
                 Cercle devstack ready in %.1f s
                ==================================================================================
                 Gateway            %s
                 Keycloak           %s  (admin console /admin: %s / %s)
                 MongoDB            %s  (embedded)
                 RabbitMQ           %s
                 SMTP               localhost:%d  (mails: %s/api/user/<email>/messages/INBOX)
                 Services
                %s
                 Logs               %s

                 Demo users (realm %s, client cercle-web):
                %s

                 Try it:
                   TOKEN=$(curl -s -d grant_type=password -d client_id=cercle-web \\
                     -d username=member -d password=member \\
                     %s | sed -E 's/.*"access_token":"([^"]+)".*/\\1/')
                   curl -H "Authorization: Bearer $TOKEN" %s/api/identity/session

                 Ctrl-C stops everything.
                ==================================================================================
                """.formatted(stack.startupTime().toMillis() / 1000.0, stack.gatewayUrl(), stack.keycloakUrl(),
                stack.keycloakAdminUsername(), stack.keycloakAdminPassword(), stack.mongoConnectionString(),
                broker(stack), stack.smtpPort(), stack.mailApiUrl(), services, stack.logDirectory(), stack.realm(), users, stack.tokenEndpoint(), stack.gatewayUrl());
    }
}
